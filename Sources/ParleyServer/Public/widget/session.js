// The visitor's conversation as the widget remembers it across page navigations on the same site: the token,
// the resume point (last seq) and a bounded transcript cache, all in one storage entry per site. Pure module.

const LIMIT = 200;

export class VisitorSession {
  constructor(storage, site) {
    this.storage = storage;
    this.key = `parley.${site}.session`;
    this.state = { token: null, conversationId: null, language: null, log: [], greeted: false, open: false };
    try {
      const saved = JSON.parse(storage?.getItem(this.key) ?? 'null');
      if (saved && typeof saved === 'object') Object.assign(this.state, saved);
    } catch {
      // A broken entry starts a fresh session.
    }
    if (!Array.isArray(this.state.log)) this.state.log = [];
  }
  get token() {
    return this.state.token;
  }
  /** Highest seq in the cached transcript: a resume asks for everything after it. */
  get lastSeq() {
    return this.state.log.reduce((max, m) => (Number.isInteger(m.seq) && m.seq > max ? m.seq : max), 0);
  }
  set(patch) {
    Object.assign(this.state, patch);
    this.save();
  }
  /** Adds or replaces (by seq) a delivered message in the cache, keeping it in seq order. */
  remember(message) {
    const log = this.state.log.filter((m) => m.seq !== message.seq);
    log.push(message);
    log.sort((a, b) => a.seq - b.seq);
    this.state.log = log.slice(-LIMIT);
    this.save();
  }
  /** Applies a translation update to a cached message. */
  updateTranslation(seq, translation) {
    const m = this.state.log.find((x) => x.seq === seq);
    if (m) {
      m.translation = translation;
      this.save();
    }
    return m ?? null;
  }
  forget() {
    this.state = { token: null, conversationId: null, language: this.state.language, log: [], greeted: true, open: false };
    this.save();
  }
  save() {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.state));
    } catch {
      // Storage full or blocked: the session lasts for this page only.
    }
  }
}
