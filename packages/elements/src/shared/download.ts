/** Saving text as a real file download: a Blob, an object URL and a clicked `<a download>`. */

/** Downloads `text` as a file named `filename`; returns the Blob that was offered. */
export function downloadText(filename: string, text: string, type = "text/plain;charset=utf-8"): Blob {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click's task is over.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return blob;
}
