import { readdirSync, readFileSync } from "node:fs";

// Linux's /proc, where CI runs: `ps` output differs between systems, /proc/<pid>/stat does not.
// A zombie (ended, not yet reaped by init after its parent went) counts as ended.

interface ProcessState {
  state: string;
  processGroup: number;
}

function readState(pid: number): ProcessState | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses, so split after the last ")".
    const [state = "", , processGroup = ""] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state, processGroup: Number(processGroup) };
  } catch {
    return undefined;
  }
}

export function isRunning(pid: number): boolean {
  const state = readState(pid);
  return state !== undefined && state.state !== "Z";
}

/** The live processes of a process group, e.g. everything `npm start` spawned. */
export function runningInGroup(processGroup: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const state = readState(pid);
      return state !== undefined && state.state !== "Z" && state.processGroup === processGroup;
    });
}
