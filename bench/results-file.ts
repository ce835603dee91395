import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { type Figure, ratioOf } from "./figure.js";
import { formatMachine, type Machine } from "./machine.js";
import { formatMarkdownTable } from "./report-table.js";

const BEGIN = "<!-- bench:recorded:begin (written by `npm run bench -- --record`; edit around it) -->";
const END = "<!-- bench:recorded:end -->";

export interface RecordedFigure {
  id: string;
  value: number;
  baseline?: number;
  ratio?: number;
}

export interface RecordedRun {
  machine: Machine;
  figures: RecordedFigure[];
}

export function toRecorded(machine: Machine, figures: readonly Figure[]): RecordedRun {
  return {
    machine,
    figures: figures.map((figure) => ({
      id: figure.id,
      value: round(figure.value),
      ...(figure.baseline ? { baseline: round(figure.baseline.value) } : {}),
      ...(ratioOf(figure) === undefined ? {} : { ratio: round(ratioOf(figure)!) }),
    })),
  };
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}

/** The recorded block: who ran it where, the table, and the figures `--check` reads back. */
function recordedBlock(
  run: RecordedRun,
  figures: readonly Figure[],
  unavailable: Record<string, string>,
): string {
  return [
    BEGIN,
    "",
    `Recorded ${run.machine.date.slice(0, 10)} (${run.machine.date}) on ${formatMachine(run.machine)}.`,
    "",
    formatMarkdownTable(figures, unavailable),
    "",
    "```json",
    JSON.stringify(run, null, 2),
    "```",
    "",
    END,
  ].join("\n");
}

/** Replaces the recorded block of `file` (or appends one), keeping whatever was written around it. */
export function writeRecordedRun(
  file: string,
  run: RecordedRun,
  figures: readonly Figure[],
  unavailable: Record<string, string>,
): void {
  const block = recordedBlock(run, figures, unavailable);
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Bench results\n\n";
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

export function readRecordedRun(file: string): RecordedRun {
  if (!existsSync(file))
    throw new Error(`${file} does not exist: record a run with \`npm run bench -- --record\``);
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const json = start === -1 || end < start ? null : /```json\n([\s\S]*?)\n```/.exec(text.slice(start, end));
  if (!json) throw new Error(`${file} holds no recorded run between its bench:recorded markers`);
  return JSON.parse(json[1]!) as RecordedRun;
}
