import type { AxiosProgressEvent } from 'axios';
import { i18n } from '@/i18n';
import { http } from './http';

/** The file name from `Content-Disposition`, preferring the UTF-8 form (Chinese names). */
export function filenameFromDisposition(header: string | undefined | null, fallback: string): string {
  if (!header) return fallback;
  const utf8 = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1].trim());
    } catch {
      // Malformed escape: try the plain form.
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export interface DownloadOptions {
  params?: Record<string, unknown>;
  fallbackName: string;
  onProgress?: (loadedBytes: number) => void;
}

/**
 * Downloads an authenticated file (the API wants the bearer token, so a plain link cannot do it) and saves it under
 * the name the server gives. Resolves with that name. The file is asked for in the screen's language (exports write
 * their headings and words in it), not the browser's, which the browser would send otherwise.
 */
export async function downloadFile(url: string, options: DownloadOptions): Promise<string> {
  const res = await http.get<Blob>(url, {
    params: options.params,
    headers: { 'Accept-Language': i18n.global.locale.value },
    responseType: 'blob',
    timeout: 10 * 60_000,
    onDownloadProgress: (e: AxiosProgressEvent) => options.onProgress?.(e.loaded),
  });
  const name = filenameFromDisposition(res.headers['content-disposition'] as string | undefined, options.fallbackName);
  saveBlob(res.data, name);
  return name;
}
