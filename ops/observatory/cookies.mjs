// The Observatory's cookie test only sees cookies that "/" sets, and the home page
// sets none. This applies the same rules (src/analyzer/tests/cookies.js) to the
// Set-Cookie headers of other pages. Input on stdin: "<path>\t<Set-Cookie value>"
// per line. Informational: prints one line per cookie and never fails the run.
import fs from "node:fs";

const lines = fs.readFileSync(0, "utf8").split("\n").filter(Boolean);
if (!lines.length) {
  console.log("Cookies on other pages: none set");
  process.exit(0);
}
console.log("Cookies on other pages (Observatory cookie rules, not part of the grade):");
for (const line of lines) {
  const [path, header] = line.split("\t");
  const [pair, ...attrs] = header.split(";").map((s) => s.trim());
  const name = pair.split("=")[0];
  const flags = new Map(
    attrs.map((a) => {
      const [k, v = ""] = a.split("=");
      return [k.toLowerCase(), v];
    })
  );
  const secure = flags.has("secure");
  const httpOnly = flags.has("httponly");
  const sameSite = flags.get("samesite") || "";
  const session = ["login", "sess"].some((i) => name.toLowerCase().includes(i));
  const problems = [];
  if (!secure) problems.push("no Secure");
  if (!sameSite) problems.push(name.toLowerCase().includes("csrf") ? "anti-CSRF cookie without SameSite" : "no SameSite");
  if (session && !httpOnly) problems.push("session cookie without HttpOnly");
  const verdict = problems.length ? `FAIL (${problems.join(", ")})` : "pass";
  console.log(
    `  ${verdict.padEnd(6)} ${name} from ${path}: Secure=${secure} HttpOnly=${httpOnly} SameSite=${sameSite || "-"}`
  );
}
