// Who wrote a temp file, so a later run can tell a dead writer's leftovers from a live one's: this machine's name
// (hashed, 4 base-36 characters) and the writer's pid. A pid means something only on the machine that issued it.
import { hostname } from 'node:os';

function hostHash(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 1_679_616; // 36^4
  return h.toString(36).padStart(4, '0');
}

const HOST = hostHash(hostname());

/** The tag this process puts in its temp names (`tempPath`). */
export const WRITER_TAG = HOST + process.pid.toString(36);

/** True when `pid` is a process on this machine (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the temp file tagged `tag` was left by a process of this machine that is no longer running. */
export function writerDead(tag: string): boolean {
  if (tag.length <= HOST.length || !tag.startsWith(HOST)) return false; // another machine's, or no tag: age decides
  const pid = parseInt(tag.slice(HOST.length), 36);
  return pid > 0 && pid !== process.pid && !processAlive(pid);
}
