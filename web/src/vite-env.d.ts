/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Mount point of the BFF on this origin; `/api` unless the host app registers it elsewhere. */
  readonly VITE_SIWV_API_PREFIX?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
