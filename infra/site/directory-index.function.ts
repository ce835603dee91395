/**
 * CloudFront Function (viewer request, JavaScript runtime 2.0) that answers a folder's URL with its
 * index.html, as S3 behind CloudFront does not (the distribution's default root object covers `/`
 * only): `/docs/v2/` reads `docs/v2/index.html`. An extensionless URL (`/docs/v2`, `/app`) is
 * redirected to its folder first, as the local stage does, so the page's relative URLs resolve.
 * Adapted from https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/example-function-add-index.html
 * (which rewrites the extensionless case instead of redirecting).
 */
export const DIRECTORY_INDEX_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith("/")) {
    request.uri = uri + "index.html";
    return request;
  }
  var name = uri.slice(uri.lastIndexOf("/") + 1);
  if (name !== "" && name.indexOf(".") === -1) {
    return { statusCode: 301, statusDescription: "Moved Permanently", headers: { location: { value: uri + "/" } } };
  }
  return request;
}
`;
