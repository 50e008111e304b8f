// `npm install` in a clone, a git-URL install and `npm pack` build dist/ through this script.
// `npm install -g <git url>` prepares the clone without its devDependencies (npm/cli#8440), so the
// build tools are missing there: install them into the clone first, without running scripts.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

const npm = process.env['npm_execpath'] ? [process.execPath, process.env['npm_execpath']] : ['npm'];
const run = (args) => execFileSync(npm[0], [...npm.slice(1), ...args], { stdio: 'inherit' });

if (!existsSync('node_modules/typescript/package.json')) {
  // What that install left in node_modules is replaced whole: `npm ci` from the lockfile.
  rmSync('node_modules', { recursive: true, force: true });
  run(['ci', '--global=false', '--prefix=.', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
}
run(['run', 'build']);
