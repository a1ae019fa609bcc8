import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `2026-11-28T15-04-05Z`: a file-name-safe UTC timestamp. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/** Writes `run-<timestamp>.html` and `latest.html` into `dir`; returns both paths. */
export async function writeReport(dir: string, html: string, date: Date): Promise<{ run: string; latest: string }> {
  await mkdir(dir, { recursive: true });
  const run = join(dir, `run-${fileStamp(date)}.html`);
  const latest = join(dir, 'latest.html');
  await writeFile(run, html);
  await copyFile(run, latest);
  return { run, latest };
}
