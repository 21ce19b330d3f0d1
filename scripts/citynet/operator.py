"""The site operator's facts (`extra.operator` in mkdocs.yml) and the legal pages that show them.

The Impressum, the privacy notice and the accessibility statement (and "Über uns", which names the
operator once it is known) are hand-written Markdown in docs/ whose front matter says
`operator: true`; they name the operator's facts as `{{ operator.name }}` etc., filled in here
with Jinja (autoescaped, unknown names are errors).
One place holds the facts. A value of `~` (null) is a placeholder for a fact not yet known: the
pages show it as a marked gap ("[noch offen: …]"), and `operator_problems` lists it, so the build
can warn (and refuse to publish). Optional facts may be `false`: "does not apply".
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, StrictUndefined, TemplateError
from markupsafe import Markup, escape

# field -> may it be false ("does not apply")?
FIELDS: dict[str, bool] = {
    "name": False,
    "legal_form": True,
    "street": False,
    "postal_code": False,
    "city": False,
    "email": False,
    "phone": True,
    "representatives": True,
    "register": True,
    "vat_id": True,
    "content_responsible": False,
    "privacy_officer": True,
    "hosting_provider": False,
    "log_retention_days": False,
    "accessibility_statement_date": False,
    "accessibility_enforcement_body": True,
}


class OperatorError(ValueError):
    """The operator block is malformed (not merely incomplete)."""


@dataclass(frozen=True)
class OperatorCheck:
    placeholders: list[str]  # fields still ~ (null)

    @property
    def complete(self) -> bool:
        return not self.placeholders


def check_operator(data, where: str = "extra.operator") -> OperatorCheck:
    """Every problem of the block at once: raises OperatorError for unknown, missing or mistyped
    fields; returns the fields that are still placeholders."""
    if not isinstance(data, dict):
        raise OperatorError(f"{where}: must be a mapping of the fields {', '.join(FIELDS)}")
    problems = []
    for key in data:
        if key not in FIELDS:
            problems.append(f"{where}.{key}: unknown field (known: {', '.join(FIELDS)})")
    for key, optional in FIELDS.items():
        if key not in data:
            problems.append(f"{where}.{key}: missing; write `{key}: ~` while it is not known yet")
            continue
        value = data[key]
        if value is None or isinstance(value, str) and value.strip():
            continue
        if value is False and optional:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and key == "log_retention_days":
            continue
        allowed = "text" + (", or false if it does not apply" if optional else "") + ", or ~ while not known yet"
        problems.append(f"{where}.{key}: {value!r} is not allowed; write {allowed}")
    if problems:
        raise OperatorError("\n".join(problems))
    return OperatorCheck([key for key in FIELDS if data[key] is None])


def _placeholder(key: str, words) -> Markup:
    what = words[f"operator_{key}"]
    return Markup('<mark class="cn-placeholder">[{}]</mark>').format(words["operator_placeholder"].format(what=what))


def operator_context(data: dict, words) -> dict:
    """The values the legal pages see: escaped text, a marked gap for a placeholder, False for
    "does not apply"; `email_link` is a mailto link; `filled` says of each field whether it holds
    a real value (neither a placeholder nor false), for pages that name the operator only once
    the facts are in (Über uns)."""
    values = {"filled": {key: data[key] is not None and data[key] is not False for key in FIELDS}}
    for key in FIELDS:
        value = data[key]
        if value is None:
            values[key] = _placeholder(key, words)
        elif value is False:
            values[key] = False
        else:
            values[key] = escape(str(value).strip())
    email = data["email"]
    values["email_link"] = Markup('<a href="mailto:{0}">{0}</a>').format(email.strip()) if email else values["email"]
    return values


def _template_line(error: BaseException) -> int | None:
    """The page line an error at render time came from (Jinja puts the template in the traceback)."""
    line, trace = None, error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


_ENVIRONMENT = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)


def render_legal_page(markdown: str, data: dict, words, *, source: str, site_url: str = "") -> str:
    """The page's Markdown with the operator's facts filled in."""
    try:
        template = _ENVIRONMENT.from_string(markdown)
        return template.render(operator=operator_context(data, words), site_url=site_url)
    except TemplateError as error:
        line = getattr(error, "lineno", None) or _template_line(error)
        raise OperatorError(f"{source}{f':{line}' if line else ''}: {error}") from error


def fill_legal_page(markdown: str, meta: dict, operator: dict, words, *, source: str, site_url: str = "") -> str:
    """A docs page with the operator's facts filled in when its front matter (`meta`) says
    `operator: true`; any other page as it is."""
    if not meta.get("operator"):
        return markdown
    return render_legal_page(markdown, operator, words, source=source, site_url=site_url)
