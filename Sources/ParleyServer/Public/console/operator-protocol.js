// The operator's part of the wire protocol (docs/protocol.md): paths and frames only the console uses. The shared
// part (join, message, typing, read, setLanguage, decoding) is in ../widget/protocol.js.

import { withConversation } from '../widget/connection.js';

export const OPERATOR_PATHS = {
  login: '/api/v1/operator/login',
  logout: '/api/v1/operator/logout',
  session: '/api/v1/operator/session',
  conversations: '/api/v1/operator/conversations',
  conversation: (id) => `/api/v1/conversations/${encodeURIComponent(id)}`,
  socket: '/ws/operator',
};

export const encodeOperator = {
  /** "Wrong language?": the operator says message `seq` is really in `language`; the relay re-translates it. */
  correctLanguage: (seq, language, conversationId) =>
    JSON.stringify(withConversation({ type: 'correctLanguage', seq, language }, conversationId)),
  retryTranslation: (seq, conversationId) =>
    JSON.stringify(withConversation({ type: 'retryTranslation', seq }, conversationId)),
  leave: (conversationId) => JSON.stringify({ type: 'leave', conversationId }),
};
