/// <reference types="vite/client" />

interface Window {
  /** Catalogue keys the UI asked for and no catalogue has (read by the end-to-end tests). */
  __followStudioMissingKeys?: () => string[];
}
