/**
 * Reads a user's file as UTF-8 text in chunks, reporting bytes read, so the
 * page can show progress on a big file instead of a status that never moves.
 * `progressEvery` bytes between reports keeps the messages few.
 */
export async function readBlobText(
  blob: Blob,
  onProgress: (loaded: number, total: number) => void = () => {},
  progressEvery = 4 * 1024 * 1024,
): Promise<string> {
  const reader = blob.stream().getReader();
  // The default decoder drops a UTF-8 byte order mark, as Blob.text() does.
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let loaded = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(decoder.decode(value, { stream: true }));
    loaded += value.byteLength;
    if (loaded - reported >= progressEvery) {
      reported = loaded;
      onProgress(loaded, blob.size);
    }
  }
  parts.push(decoder.decode());
  onProgress(loaded, blob.size);
  return parts.join('');
}
