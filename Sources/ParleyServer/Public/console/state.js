// The console's model: the operator's conversations, their messages (by seq), unread counts, how long a visitor
// has waited for a first answer, and one draft per conversation. Pure; the clock is passed in.

/** Seconds after which a waiting visitor is highlighted (warning) and flagged late; 30 s is the first-answer target. */
export const WAIT_WARN = 20;
export const WAIT_LATE = 30;

export class ConsoleState {
  constructor(drafts = null) {
    this.items = new Map();
    this.drafts = drafts; // a Storage for drafts, or null
  }

  /** Adds or updates a conversation from a summary (protocol §1.3). */
  upsert(summary) {
    if (!summary || typeof summary.id !== 'string') return null;
    const item = this.items.get(summary.id) ?? { id: summary.id, messages: new Map(), readSeq: 0, typing: null, joined: false };
    item.summary = { ...(item.summary ?? {}), ...summary };
    this.items.set(summary.id, item);
    return item;
  }

  get(id) {
    return this.items.get(id) ?? null;
  }

  /** Stores a delivered message; returns false when it was already there (a replay). */
  addMessage(message) {
    const item = this.items.get(message.conversationId) ?? this.upsert({ id: message.conversationId, status: 'assigned' });
    const known = item.messages.has(message.seq);
    item.messages.set(message.seq, message);
    if (message.role === 'visitor') item.typing = null;
    return !known;
  }

  applyTranslation(id, seq, translation, status) {
    const message = this.items.get(id)?.messages.get(seq);
    if (!message) return null;
    message.translation = translation;
    message.translationStatus = status || (translation ? 'done' : 'untranslated');
    return message;
  }

  /** An operator's "wrong language?" correction: the message now reads as `language`, with full confidence. */
  correctLanguage(id, seq, language) {
    const message = this.items.get(id)?.messages.get(seq);
    if (!message) return null;
    message.language = language;
    message.confidence = 1;
    return message;
  }

  /** Messages of a conversation in seq order. */
  messages(id) {
    return [...(this.items.get(id)?.messages.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  lastSeq(id) {
    const seqs = [...(this.items.get(id)?.messages.keys() ?? [])];
    return seqs.length ? Math.max(...seqs) : 0;
  }

  unread(id) {
    const item = this.items.get(id);
    if (!item) return 0;
    return this.messages(id).filter((m) => m.role === 'visitor' && m.seq > item.readSeq).length;
  }

  /** Marks everything read; returns the seq to report in a `read` frame, or null when nothing changed. */
  markRead(id) {
    const item = this.items.get(id);
    const last = this.lastSeq(id);
    if (!item || last <= item.readSeq) return null;
    item.readSeq = last;
    return last;
  }

  /**
   * How long the visitor has waited for an answer: since their first message after the operator's last one.
   * Null when nothing waits. `level` is 'ok', 'warn' (from WAIT_WARN s) or 'late' (from WAIT_LATE s).
   */
  waiting(id, now) {
    const messages = this.messages(id);
    let since = null;
    for (const m of messages) {
      if (m.role === 'operator') since = null;
      else if (m.role === 'visitor' && since === null) since = m.sentAt;
    }
    if (since === null || since === undefined) return null;
    const seconds = Math.max(0, Math.floor((now - since) / 1000));
    return { seconds, level: seconds >= WAIT_LATE ? 'late' : seconds >= WAIT_WARN ? 'warn' : 'ok' };
  }

  /** Open conversations: the longest-waiting first, then the most recently updated. */
  list(now) {
    const open = [...this.items.values()].filter((i) => i.summary?.status !== 'closed');
    const key = (i) => [this.waiting(i.id, now)?.seconds ?? -1, Date.parse(i.summary?.updatedAt ?? '') || 0];
    return open.sort((a, b) => {
      const [wa, ua] = key(a), [wb, ub] = key(b);
      return wb - wa || ub - ua;
    });
  }

  draft(id) {
    return this.drafts?.getItem(`parley.draft.${id}`) ?? '';
  }

  setDraft(id, text) {
    if (!this.drafts) return;
    if (text) this.drafts.setItem(`parley.draft.${id}`, text);
    else this.drafts.removeItem(`parley.draft.${id}`);
  }
}

/** "0:07", "1:05", "1:02:03": a waiting time for the list. */
export function formatWait(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  const pad = (n) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
