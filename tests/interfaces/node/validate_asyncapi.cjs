// Parse an AsyncAPI document with the official parser (@asyncapi/parser) and print what
// it finds as JSON: {"valid": bool, "errors": [...], "warnings": [...], "messages": n}.
// Exit code 0 when the parser accepts the document, 1 when it reports an error.
// Usage: node tests/interfaces/node/validate_asyncapi.cjs path/to/asyncapi.json
const fs = require("node:fs");
const { Parser } = require("@asyncapi/parser");

async function main(path) {
  const parser = new Parser();
  const { document, diagnostics } = await parser.parse(fs.readFileSync(path, "utf8"));
  // severity 0 is an error, 1 a warning (spectral's scale)
  const describe = (d) => ({ code: d.code, message: d.message, path: d.path.join("/") });
  const errors = diagnostics.filter((d) => d.severity === 0).map(describe);
  const warnings = diagnostics.filter((d) => d.severity === 1).map(describe);
  const report = {
    valid: document !== undefined && errors.length === 0,
    errors,
    warnings,
    messages: document ? document.allMessages().length : 0,
    channels: document ? document.allChannels().length : 0,
  };
  process.stdout.write(JSON.stringify(report) + "\n");
  process.exitCode = report.valid ? 0 : 1;
}

main(process.argv[2]).catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
  process.exitCode = 2;
});
