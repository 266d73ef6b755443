// Prints the grade, score and every test of a scanner JSON file (argument 1);
// exits 0 only when the grade is the one wanted (argument 2, default A+).
import fs from "node:fs";

const [file, wanted = "A+"] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(file, "utf8"));
if (data.error || !data.scan) {
  console.error(`Observatory scan failed: ${data.error ?? "no scan in output"}`);
  process.exit(2);
}
const { scan, tests } = data;
console.log(
  `Observatory grade: ${scan.grade}  score: ${scan.score}  ` +
    `(${scan.testsPassed}/${scan.testsQuantity} tests passed, algorithm v${scan.algorithmVersion}, HTTP ${scan.statusCode})`
);
const width = Math.max(...Object.keys(tests).map((name) => name.length));
for (const [name, test] of Object.entries(tests)) {
  const mark = test.pass ? "pass" : "FAIL";
  const modifier = (test.scoreModifier > 0 ? "+" : "") + test.scoreModifier;
  console.log(`  ${mark}  ${name.padEnd(width)}  ${String(modifier).padStart(4)}  ${test.result}`);
}
if (scan.grade !== wanted) {
  console.error(`Grade ${scan.grade} is not ${wanted}.`);
  process.exit(1);
}
