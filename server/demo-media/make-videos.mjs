#!/usr/bin/env node
/**
 * Makes the demo's study videos (server/demo-media/study/*.mp4): for each video the demo seed publishes, a title card
 * with a running clock, exactly as long as the module says, so a member can watch, seek and earn its class hours in
 * the demo. H.264 baseline in MP4 with the index first, the format every phone plays; one frame every ten seconds
 * keeps a 50-minute film under 120 KB.
 *
 * Not part of the install: the files are committed. Run after changing the seed's video list, on a machine with
 * ffmpeg and the Noto CJK font (Debian: apt-get install ffmpeg fonts-noto-cjk), after `npm run build -w server`:
 *   node server/demo-media/make-videos.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { VIDEOS } = createRequire(import.meta.url)(join(here, '..', 'dist', 'database', 'seed', 'study-content.js'));
const font = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
if (!existsSync(font)) throw new Error(`no CJK font at ${font}: apt-get install fonts-noto-cjk`);
const out = join(here, 'study');
mkdirSync(out, { recursive: true });

// drawtext's own escaping: a colon separates its options, a backslash and a quote would end the text.
const text = (s) => s.replace(/[\\':]/g, (c) => `\\${c}`);
const clock = (seconds) => `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;

for (const v of VIDEOS) {
  const card = [
    `drawtext=fontfile=${font}:text='${text(v.title)}':fontcolor=white:fontsize=${v.title.length > 14 ? 22 : 28}:x=(w-text_w)/2:y=80`,
    `drawtext=fontfile=${font}:text='${text('智慧党建 · 演示视频')}':fontcolor=0xffe0e0:fontsize=17:x=(w-text_w)/2:y=128`,
    `drawtext=fontfile=${font}:text='%{eif\\:t/60\\:d\\:2}\\:%{eif\\:mod(t\\,60)\\:d\\:2} / ${text(clock(v.durationSeconds))}':fontcolor=white:fontsize=22:x=(w-text_w)/2:y=180`,
  ].join(',');
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `color=c=0xa01217:s=480x270:r=1/10:d=${v.durationSeconds}`,
    '-vf', card,
    '-c:v', 'libx264', '-profile:v', 'baseline', '-level', '3.0', '-pix_fmt', 'yuv420p', '-g', '30', '-tune', 'stillimage', '-crf', '34',
    '-movflags', '+faststart', '-an', join(out, v.file),
  ]);
  console.log(`${v.file}  ${clock(v.durationSeconds)}  ${v.title}`);
}
// A video dropped from the seed leaves no file behind.
for (const f of readdirSync(out)) if (!VIDEOS.some((v) => v.file === f)) rmSync(join(out, f));
