import { CORS_ORIGIN_SEPARATOR, CORS_ORIGINS_STAGE_VARIABLE } from "../src/runtime/cors-origins.js";

/**
 * The integration response mapping template of every CORS preflight mock: it echoes the request's
 * Origin in `Access-Control-Allow-Origin` only when the stage variable `corsOrigins` lists it
 * exactly (list format: src/runtime/cors-origins.ts), and sets nothing otherwise. A parameter mapping
 * cannot do this: it can copy one stage variable or the request's header, not choose between them.
 *
 * API Gateway VTL notes: `$input.params().header` keeps the client's spelling, so both are tried;
 * `#set` to a missing value leaves the variable as it was (hence the "" first, and `$!` for an unset
 * stage variable); methods are called on references only; a response override may be applied only
 * once (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html),
 * so the loop only remembers the match and the override comes last. The template renders no body.
 */
export function corsPreflightResponseTemplate(): string {
  return [
    '#set($origin = "")',
    '#set($origin = $input.params().header.get("Origin"))',
    '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
    '#set($allowOrigin = "")',
    `#set($allowedOrigins = "$!stageVariables.${CORS_ORIGINS_STAGE_VARIABLE}")`,
    `#foreach($allowed in $allowedOrigins.split("${CORS_ORIGIN_SEPARATOR}"))`,
    '#if("$!origin" != "" && $allowed == $origin)#set($allowOrigin = $origin)#end',
    "#end",
    '#if($allowOrigin != "")#set($context.responseOverride.header.Access-Control-Allow-Origin = $allowOrigin)#end',
  ].join("\n");
}
