"""The benchmark's own arithmetic (scripts/benchmark.py, a developer tool). The benchmark itself takes
minutes and is not part of the suite; what it concludes from its measurements is tested here,
so that a missed target can never be reported as met."""

from __future__ import annotations

import json

from support import developer_script

benchmark = developer_script("benchmark")
Build, SizeResult = benchmark["Build"], benchmark["SizeResult"]
check_targets, search_index_stats = benchmark["check_targets"], benchmark["search_index_stats"]
serve_checks = benchmark["serve_checks"]


def _result(
    networks: int,
    cities: int,
    *,
    seconds: float,
    hand: float,
    ours: float,
    pages: int,
    peak_mb: float = 200,
    validate_s: float = 0.1,
    page_kb: float = 90,
    ratio: float = 0.3,
) -> SizeResult:
    return SizeResult(
        networks=networks,
        cities=cities,
        pages=pages,
        generated_pages=pages - 10,
        generated=Build(seconds=[seconds], peak_mb=peak_mb),
        handwritten=Build(seconds=[hand]),
        validate_s=validate_s,
        render_s=ours - validate_s,
        our_share=ours / seconds,
        vs_handwritten=seconds / hand - 1,
        ms_per_page=seconds / pages * 1000,
        ms_per_page_handwritten=hand / pages * 1000,
        network_page_html_kb=40,
        network_page_transfer_kb=page_kb,
        network_page_transfer_detail={},
        search_index={"languages": {"de": {"index_per_text_byte": ratio}, "en": {"index_per_text_byte": ratio}}},
    )


def test_all_targets_met_when_the_numbers_are_within_them():
    results = [
        _result(5, 10, seconds=2.0, hand=1.95, ours=0.05, pages=50),
        _result(50, 100, seconds=4.0, hand=3.9, ours=0.15, pages=300),  # 13.3 ms/page
        _result(500, 2000, seconds=35.0, hand=36.0, ours=1.5, pages=2600),  # 13.5 ms/page, -2.8 %
    ]
    checks = check_targets(results, {"median_s": 1.2, "seconds": [1.2], "rebuild_median_s": 1.0})
    assert [c["met"] for c in checks] == [True] * len(checks), checks


def test_each_miss_is_reported_as_missed():
    results = [
        _result(5, 10, seconds=2.0, hand=1.6, ours=0.3, pages=50),  # +25 % vs hand, 15 % ours
        _result(50, 100, seconds=6.0, hand=5.8, ours=0.2, pages=300),  # 20 ms/page
        # 70 s (> 60), 1.5 GB, 30 ms/page (+50 %; > 15), +2.9 % vs hand, validation 2 s, a 200 KB
        # page, index ratio off
        _result(
            500,
            2000,
            seconds=70.0,
            hand=68.0,
            ours=3.0,
            pages=2333,
            peak_mb=1500,
            validate_s=2.0,
            page_kb=200,
            ratio=0.6,
        ),
    ]
    checks = check_targets(results, {"median_s": 2.0, "seconds": [2.0], "rebuild_median_s": 1.7})
    missed = [c["target"] for c in checks if not c["met"]]
    assert len(missed) == len(checks), [c["target"] for c in checks if c["met"]]
    measured = {c["target"]: c["measured"] for c in checks}
    assert any("+25.0%" in m for m in measured.values())  # the size of each miss is stated
    assert any("70.0 s" in m for m in measured.values())


def _serve(median: float, pages: int = 0, data: str = "real") -> dict:
    return {"data": data, "pages": pages, "median_s": median, "seconds": [median] * 5, "rebuild_median_s": median - 0.4}


def test_serve_targets_are_judged_at_the_size_nearest_to_1000_pages():
    """Issue 16: within 1.5 s at about 1,000 pages, at most twice the real data's latency; the
    sizes of about 50 and 4,000 pages are measured and reported but not judged."""
    real = _serve(1.0, 256)
    sizes = [_serve(0.8, 50, "5x11"), _serve(1.4, 878, "30x400"), _serve(6.0, 3998, "90x1900")]
    checks = serve_checks(real, sizes)
    assert [c["met"] for c in checks] == [True, True, True], checks
    assert "878 pages (30x400): median 1.40 s" in checks[1]["measured"]
    slow = serve_checks(_serve(0.6, 256), [_serve(1.6, 878, "30x400")])
    assert [c["met"] for c in slow] == [True, False, False], slow  # 1.6 > 1.5 s, and 2.67 x real
    assert "= 2.67" in slow[2]["measured"]
    assert serve_checks(None, sizes) == [] and len(serve_checks(real, [])) == 1


def test_search_index_stats_reads_each_languages_own_index(tmp_path):
    for relative, docs in (("search/search_index.json", 3), ("en/search/search_index.json", 2)):
        path = tmp_path / relative
        path.parent.mkdir(parents=True)
        path.write_text(
            json.dumps({"config": {}, "docs": [{"location": f"p{i}/", "text": "x" * 50} for i in range(docs)]})
        )
    pages = {
        "a.md": "y" * 1000 + '<figure class="cn-map"><svg><path d="M0 0"/></svg></figure>',
        "a.en.md": "<p>" + "z" * 500 + "</p>",
    }
    stats = search_index_stats(tmp_path, pages)["languages"]
    assert stats["de"]["entries"] == 3 and stats["en"]["entries"] == 2
    assert stats["de"]["page_text_bytes"] == 1000 and stats["en"]["page_text_bytes"] == 500
    size = (tmp_path / "en/search/search_index.json").stat().st_size
    assert stats["en"]["index_per_text_byte"] == round(size / 500, 3)


def test_the_build_profile_counts_each_step_once_without_the_steps_inside_it():
    """scripts/build_profile.py: a row is a step's own time; nested steps have theirs; the rows add
    up to the whole (on a clock that the steps advance)."""
    profile = developer_script("build_profile")
    now = [0.0]

    def spend(seconds):
        now[0] += seconds

    timer = profile["Timer"](clock=lambda: now[0])
    inner = timer.wrap("inner", lambda: spend(0.5))

    def outer_work():
        spend(0.25)
        inner()
        inner()
        spend(0.125)

    outer = timer.wrap("outer", outer_work)
    outer()
    inner()
    assert timer.totals == {"inner": 1.5, "outer": 0.375}
    lines = profile["table"](timer.totals, now[0], "test")
    assert lines[2:] == ["| inner | 1.50 | 80% |", "| outer | 0.38 | 20% |", "| **the build** | **1.88** | 100% |"]
