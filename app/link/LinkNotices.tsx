/** What part of the opened link could not be used, and why; defaults apply there. */
export function LinkNotices({
  notices,
  onDismiss,
}: {
  readonly notices: readonly string[];
  readonly onDismiss: () => void;
}) {
  if (notices.length === 0) return null;
  return (
    <div role="alert" className="warning notices">
      <p>Part of this link could not be used; defaults apply there:</p>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
