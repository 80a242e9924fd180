// The wire protocol (docs/protocol.md) in one place: frame encoders, a strict decoder that normalizes server
// frames into plain events, close-code classes and the REST paths. Pure module; the widget and the console share it.

/** Close codes 4000–4499 ask the client to reconnect, 4500–4999 tell it not to. Other codes: reconnect. */
export function isTerminalClose(code) {
  return code >= 4500 && code <= 4999;
}

export const PATHS = {
  visitorConversation: '/api/visitor/conversations',
  visitorSocket: '/ws/visitor',
  operatorLogin: '/api/operator/login',
  operatorLogout: '/api/operator/logout',
  operatorSession: '/api/operator/session',
  operatorSocket: '/ws/operator',
};

/** The WebSocket URL for `path` on `base` (an http(s) URL), with query parameters. */
export function socketURL(base, path, params = {}) {
  const url = new URL(path, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

export const encode = {
  message: (clientMessageId, text, conversationId) =>
    JSON.stringify(withConversation({ type: 'message', clientMessageId, text }, conversationId)),
  typing: (active, conversationId) => JSON.stringify(withConversation({ type: 'typing', active }, conversationId)),
  read: (seq, conversationId) => JSON.stringify(withConversation({ type: 'read', seq }, conversationId)),
  resume: (afterSeq, conversationId) =>
    JSON.stringify(withConversation({ type: 'resume', afterSeq }, conversationId)),
  language: (language, conversationId) =>
    JSON.stringify(withConversation({ type: 'language', language }, conversationId)),
  languageOverride: (seq, language, conversationId) =>
    JSON.stringify(withConversation({ type: 'languageOverride', seq, language }, conversationId)),
  page: (url, title, conversationId) => JSON.stringify(withConversation({ type: 'page', url, title }, conversationId)),
};

function withConversation(frame, conversationId) {
  if (conversationId !== undefined && conversationId !== null) frame.conversationId = conversationId;
  return frame;
}

const str = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const int = (v) => (Number.isInteger(v) ? v : Number.isFinite(Number(v)) ? Math.trunc(Number(v)) : null);

function translation(raw) {
  if (!raw || typeof raw !== 'object') return null;
  return {
    text: str(raw.text),
    language: str(raw.language),
    engine: str(raw.engine),
    quality: str(raw.quality) || 'machine',
  };
}

/** A normalized chat message; the original text and the translation are plain strings, never markup. */
export function normalizeMessage(raw) {
  const seq = int(raw.seq);
  const detected = raw.detected && typeof raw.detected === 'object' ? raw.detected : {};
  return {
    seq,
    conversationId: raw.conversationId ?? null,
    clientMessageId: raw.clientMessageId ? str(raw.clientMessageId) : null,
    role: ['visitor', 'operator', 'system'].includes(raw.role ?? raw.from) ? raw.role ?? raw.from : 'system',
    author: str(raw.authorName ?? raw.author ?? ''),
    text: str(raw.text),
    language: str(raw.language ?? detected.language ?? 'und'),
    confidence: typeof (raw.confidence ?? detected.confidence) === 'number' ? raw.confidence ?? detected.confidence : null,
    translation: translation(raw.translation),
    sentAt: Date.parse(raw.sentAt ?? raw.createdAt ?? '') || null,
  };
}

/**
 * Parses one server frame into an event: {kind, ...}. Kinds: message, ack, translation, typing, read, notice,
 * error, welcome, unknown. Never throws; a malformed frame becomes {kind: 'unknown'}.
 */
export function decode(data) {
  let raw;
  try {
    raw = typeof data === 'string' ? JSON.parse(data) : null;
  } catch {
    return { kind: 'unknown' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'unknown' };
  const conversationId = raw.conversationId ?? null;
  switch (raw.type) {
    case 'message':
    case 'delivered':
      return { kind: 'message', message: normalizeMessage(raw.message ?? raw) };
    case 'ack':
      return { kind: 'ack', clientMessageId: str(raw.clientMessageId), seq: int(raw.seq), conversationId };
    case 'translation':
    case 'translationUpdate':
      return { kind: 'translation', seq: int(raw.seq), translation: translation(raw.translation), conversationId };
    case 'typing':
      return { kind: 'typing', active: raw.active !== false, role: str(raw.role), name: str(raw.name), conversationId };
    case 'read':
      return { kind: 'read', seq: int(raw.seq), role: str(raw.role), conversationId };
    case 'notice':
    case 'system':
      return { kind: 'notice', code: str(raw.code), params: raw.params ?? {}, conversationId };
    case 'error':
      return { kind: 'error', code: str(raw.code ?? raw.error?.code), message: str(raw.message ?? raw.error?.message) };
    case 'welcome':
    case 'hello':
      return { kind: 'welcome', data: raw };
    default:
      return { kind: 'unknown', type: str(raw.type) };
  }
}

/** Normalizes the answer to POST visitorConversation: {token, conversationId, operatorsOnline, hours}. */
export function parseVisitorSession(raw) {
  if (!raw || typeof raw !== 'object' || typeof raw.token !== 'string') throw new Error('no token in the answer');
  return {
    token: raw.token,
    conversationId: raw.conversationId ?? raw.conversation?.id ?? null,
    operatorsOnline: raw.operatorsOnline ?? null,
    hours: raw.businessHours ?? raw.hours ?? null,
  };
}
