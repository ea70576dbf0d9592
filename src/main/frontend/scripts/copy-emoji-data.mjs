// The emoji picker's data is served by the application itself (no CDN): copy the English data set
// from emojibase-data into the bundle, where frimousse's emojibaseUrl points.
import { cpSync, mkdirSync } from "node:fs";

const target = "dist/emojibase/en";
mkdirSync(`${target}/shortcodes`, { recursive: true });
for (const file of ["data.json", "messages.json", "shortcodes/github.json"]) {
  cpSync(`node_modules/emojibase-data/en/${file}`, `${target}/${file}`);
}
console.log(`emoji data copied to ${target}`);
