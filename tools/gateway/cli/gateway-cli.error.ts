/** An error whose message is meant for the person at the terminal, shown as is without a stack. */
export class GatewayCliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "GatewayCliError";
  }
}
