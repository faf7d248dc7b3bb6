import awsCatalog from '../../../data/catalogs/aws.json';
import dotnetExceptionsCatalog from '../../../data/catalogs/dotnet-exceptions.json';
import goExceptionsCatalog from '../../../data/catalogs/go-exceptions.json';
import grpcCatalog from '../../../data/catalogs/grpc.json';
import httpStatusCatalog from '../../../data/catalogs/http-status.json';
import javaExceptionsCatalog from '../../../data/catalogs/java-exceptions.json';
import jsExceptionsCatalog from '../../../data/catalogs/js-exceptions.json';
import jsonRpcCatalog from '../../../data/catalogs/jsonrpc.json';
import kotlinExceptionsCatalog from '../../../data/catalogs/kotlin-exceptions.json';
import nodeErrorsCatalog from '../../../data/catalogs/node-errors.json';
import curlErrorsCatalog from '../../../data/catalogs/curl-errors.json';
import dotnetWebExceptionStatusCatalog from '../../../data/catalogs/dotnet-web-exception-status.json';
import phpExceptionsCatalog from '../../../data/catalogs/php-exceptions.json';
import phpFrameworkExceptionsCatalog from '../../../data/catalogs/php-framework-exceptions.json';
import pythonExceptionsCatalog from '../../../data/catalogs/python-exceptions.json';
import rubyExceptionsCatalog from '../../../data/catalogs/ruby-exceptions.json';
import rubyClientExceptionsCatalog from '../../../data/catalogs/ruby-client-exceptions.json';
import sdkExceptionsCatalog from '../../../data/catalogs/sdk-exceptions.json';
import googleExceptionsCatalog from '../../../data/catalogs/google-exceptions.json';
import sqlCatalog from '../../../data/catalogs/sql.json';
import webSocketCloseCatalog from '../../../data/catalogs/websocket-close.json';
import discordJsonErrorsCatalog from '../../../data/catalogs/discord-json-errors.json';
import notionErrorsCatalog from '../../../data/catalogs/notion-errors.json';
import hetznerCloudErrorsCatalog from '../../../data/catalogs/hetzner-cloud-errors.json';
import oauth2ErrorsCatalog from '../../../data/catalogs/oauth2-errors.json';
import httpConstants from '../../../data/http-constants.json';
import { CatalogRegistry } from './catalogRegistry';
import type { CatalogFile, HttpConstantsTable } from './schema';

/** The catalogs shipped with the extension, bundled as data. */
export const BUILTIN_CATALOGS: readonly CatalogFile[] = [
  httpStatusCatalog,
  nodeErrorsCatalog,
  curlErrorsCatalog,
  dotnetWebExceptionStatusCatalog,
  grpcCatalog,
  awsCatalog,
  sqlCatalog,
  // (Go's error types share names with other SDKs' classes and are found only qualified, in Go: first, so they come last.)
  goExceptionsCatalog,
  // (Before the catalogs that share their class names, so those keep deciding a bare name's verdict: `ClientError`,
  // `ServerError`, `ConnectionError` are botocore's, Faraday's, requests' first.)
  rubyClientExceptionsCatalog,
  googleExceptionsCatalog,
  pythonExceptionsCatalog,
  dotnetExceptionsCatalog,
  javaExceptionsCatalog,
  jsExceptionsCatalog,
  kotlinExceptionsCatalog,
  rubyExceptionsCatalog,
  phpExceptionsCatalog,
  phpFrameworkExceptionsCatalog,
  sdkExceptionsCatalog,
  jsonRpcCatalog,
  webSocketCloseCatalog,
  // API vendors' own body codes, with their SDKs' constant names (`RESTJSONErrorCodes.UnknownMessage`, `APIErrorCode.RateLimited`).
  discordJsonErrorsCatalog,
  notionErrorsCatalog,
  hetznerCloudErrorsCatalog,
  // A standard's error codes that any authorization server sends (`invalid_grant`, `slow_down`), with Spring's constants.
  oauth2ErrorsCatalog,
] as unknown as CatalogFile[];

export function createBuiltinRegistry(): CatalogRegistry {
  return new CatalogRegistry(BUILTIN_CATALOGS, httpConstants as HttpConstantsTable);
}
