import { InvalidSettingError } from "../runtime/setting-parsers.js";
import { readLambdaSettings } from "../settings/lambda-settings.js";
import { readLocalStageSettings } from "../settings/local-stage-settings.js";

/**
 * Every setting the local stage and the handlers it runs read, checked before anything else loads
 * (main.ts imports this first). A bad value is one line naming the variable and exit status 1: it is
 * the user's to fix, so no stack trace.
 */
try {
  readLambdaSettings(process.env);
  readLocalStageSettings(process.env);
} catch (error) {
  if (!(error instanceof InvalidSettingError)) throw error;
  console.error(`npm start: ${error.message}`);
  process.exit(1);
}
