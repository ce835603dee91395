export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Progress goes to stderr, one line each, prefixed with the region it concerns; results go to stdout. */
export class ProgressLogger {
  constructor(private readonly output: Output) {}

  line(message: string): void {
    this.output.stderr(`${message}\n`);
  }

  region(region: string, message: string): void {
    this.output.stderr(`[${region}] ${message}\n`);
  }
}
