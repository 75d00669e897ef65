import type { Dict } from './i18n';
import type { Message } from './api';

/**
 * The report's columns: what each shows, which direction it belongs to, and the export columns it stands for (so
 * an export has the columns the table has). MT and MO have their own defaults; with both directions the table
 * shows what the two share.
 */
export interface Column {
  id: string;
  label: (t: Dict, direction: string) => string;
  exports: string[];
  directions: ('MT' | 'MO')[];
}

export const COLUMNS: Column[] = [
  { id: 'at', label: (t, d) => (d === 'MT' ? t.colSentAt : d === 'MO' ? t.colRepliedAt : t.colAt), exports: ['AT'], directions: ['MT', 'MO'] },
  { id: 'direction', label: (t) => t.colDirection, exports: ['DIRECTION'], directions: ['MT', 'MO'] },
  { id: 'status', label: (t) => t.colStatus, exports: ['STATUS', 'ERROR_CODE', 'ERROR_TITLE'], directions: ['MT', 'MO'] },
  { id: 'phone', label: (t, d) => (d === 'MO' ? t.colSource : t.colPhone), exports: ['CONTACT_PHONE'], directions: ['MT', 'MO'] },
  { id: 'waId', label: (t, d) => (d === 'MO' ? t.colWaIdMo : t.colWaId), exports: ['CONTACT_WA_ID'], directions: ['MT', 'MO'] },
  { id: 'contactName', label: (t) => t.colContactName, exports: ['CONTACT_NAME'], directions: ['MT', 'MO'] },
  { id: 'subaccount', label: (t) => t.colSubaccount, exports: ['SUBACCOUNT_NAME'], directions: ['MT', 'MO'] },
  { id: 'campaign', label: (t) => t.colCampaign, exports: ['CAMPAIGN_NAME'], directions: ['MT', 'MO'] },
  { id: 'user', label: (t) => t.colUser, exports: ['USER'], directions: ['MT', 'MO'] },
  { id: 'contentType', label: (t) => t.colContentType, exports: ['CONTENT_TYPE'], directions: ['MT', 'MO'] },
  { id: 'text', label: (t, d) => (d === 'MO' ? t.colReceivedText : t.colMessage), exports: ['TEXT'], directions: ['MT', 'MO'] },
  { id: 'button', label: (t) => t.colButton, exports: ['BUTTON_TEXT', 'BUTTON_PAYLOAD'], directions: ['MO'] },
  { id: 'inReplyTo', label: (t) => t.colInReplyTo, exports: ['IN_REPLY_TO_ID'], directions: ['MO'] },
  { id: 'session', label: (t) => t.colSession, exports: ['SENT_WITH_SESSION'], directions: ['MT'] },
  { id: 'conversationId', label: (t) => t.colConversationId, exports: ['CONVERSATION_ID'], directions: ['MT', 'MO'] },
  { id: 'conversationType', label: (t) => t.colConversationType, exports: ['CONVERSATION_TYPE'], directions: ['MT', 'MO'] },
  { id: 'conversationExpiry', label: (t) => t.colConversationExpiry, exports: ['CONVERSATION_EXPIRES_AT'], directions: ['MT', 'MO'] },
  { id: 'correlationId', label: (t) => t.colCorrelationId, exports: ['CORRELATION_ID'], directions: ['MT', 'MO'] },
  { id: 'messageId', label: (t) => t.colMessageId, exports: ['MESSAGE_ID'], directions: ['MT', 'MO'] },
];

const DEFAULTS: Record<string, string[]> = {
  MT: ['at', 'status', 'phone', 'waId', 'campaign', 'user', 'contentType', 'text', 'session', 'conversationId',
    'conversationType', 'conversationExpiry'],
  MO: ['at', 'phone', 'contactName', 'campaign', 'user', 'contentType', 'text', 'button', 'inReplyTo'],
  '': ['at', 'direction', 'status', 'phone', 'campaign', 'user', 'contentType', 'text'],
};

/** The columns offered for a direction. */
export function available(direction: string): Column[] {
  return COLUMNS.filter((c) => !direction || c.directions.includes(direction as 'MT' | 'MO'));
}

/** The columns shown: the chosen ones that fit the direction, or the direction's defaults. */
export function shown(direction: string, chosen: string[]): Column[] {
  const offered = available(direction);
  const ids = chosen.length ? chosen : DEFAULTS[direction] ?? DEFAULTS[''];
  return ids.map((id) => offered.find((c) => c.id === id)).filter((c): c is Column => !!c);
}

export function exportColumns(columns: Column[]): string[] {
  const out: string[] = [];
  for (const c of columns) for (const e of c.exports) if (!out.includes(e)) out.push(e);
  if (!out.includes('MESSAGE_ID')) out.unshift('MESSAGE_ID');
  return out;
}

/** The plain text of a cell (dates are formatted by the caller, who knows the zone and language). */
export function cellText(c: Column, m: Message, t: Dict, date: (iso: string | null | undefined) => string): string {
  switch (c.id) {
    case 'at': return date(m.at);
    case 'direction': return m.direction;
    case 'status': return t.status[m.status] ?? m.status;
    case 'phone': return m.contact.phone ? '+' + m.contact.phone : m.contact.bsuid ?? '';
    case 'waId': return m.contact.waId ?? m.contact.bsuid ?? '';
    case 'contactName': return m.contact.name ?? '';
    case 'subaccount': return m.subaccount.name || m.subaccount.id;
    case 'campaign': return m.campaign?.name ?? '';
    case 'user': return m.user ?? '';
    case 'contentType': return t.contentType[m.contentType] ?? m.contentType;
    case 'text': return m.direction === 'MT' ? (m.content?.text ?? '') : (m.text ?? '');
    case 'button': return m.button ? m.button.text : '';
    case 'inReplyTo': return m.inReplyToId ?? '';
    case 'session': return m.direction === 'MT' ? (m.sentWithSession ? t.yes : t.no) : '';
    case 'conversationId': return m.conversation?.id ?? '';
    case 'conversationType': return m.conversation?.type ? (t.conversationType[m.conversation.type] ?? m.conversation.type) : '';
    case 'conversationExpiry': return date(m.conversation?.expiresAt);
    case 'correlationId': return m.correlationId ?? '';
    case 'messageId': return m.id;
    default: return '';
  }
}
