/** A control-plane error as API Gateway sends it: HTTP status, `x-amzn-ErrorType`, JSON `message`. */
export class StandInError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new StandInError(400, "BadRequestException", message);
export const notFound = (message: string) => new StandInError(404, "NotFoundException", message);
