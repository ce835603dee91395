/**
 * Winery reads are public and change when a rating or an edit lands: clients may keep a copy but
 * revalidate it on every use (`If-None-Match`, answered `304` while unchanged). Documented in
 * openapi.yaml, `components/headers/CacheControl`.
 */
export const WINERY_CACHE_CONTROL = "public, no-cache";
