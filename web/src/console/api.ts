import { post, signIn } from '../session';

/** A GraphQL error as the service classifies it (BAD_REQUEST, FORBIDDEN, ...), with its message. */
export class ApiError extends Error {
  constructor(readonly classification: string, message: string, readonly field?: string) {
    super(message);
  }
}

/** Runs one GraphQL document against /graphql with the session; the first error, if any, is thrown. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await post('/graphql', { query, variables });
  } catch (e) {
    if (e instanceof Error && e.message === 'not signed in') throw e;
    throw new ApiError('NETWORK', String(e));
  }
  if (response.status === 401) signIn();
  let body: { data?: T; errors?: { message: string; extensions?: { classification?: string; field?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status === 413 ? 'LIMIT_EXCEEDED' : 'INTERNAL_ERROR', `HTTP ${response.status}`);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new ApiError(e.extensions?.classification ?? 'INTERNAL_ERROR', e.message, e.extensions?.field);
  }
  if (!response.ok) {
    throw new ApiError('INTERNAL_ERROR', `HTTP ${response.status}`);
  }
  return body.data as T;
}

export const ME = `{ me { name role account { id name } subaccounts { id name } } }`;

export const OPTIONS = `query Options($input: FilterOptionsInput!) {
  filterOptions(input: $input) { campaigns { id name } users errorCodes { code title } }
}`;

const MESSAGE_FIELDS = `
  __typename id direction at status user correlationId contentType
  subaccount { id name } campaign { id name }
  contact { phone waId bsuid name }
  conversation { id type expiresAt }
  ... on SentMessage { sentWithSession statusAt content { text templateName templateLanguage } error { code title } media { id mimeType } }
  ... on ReceivedMessage { text button { payload text } inReplyToId media { id mimeType } }`;

export const MESSAGES = `query Messages($input: MessagesInput!) {
  messages(input: $input) {
    totalCount
    dataAsOf
    period { from to }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${MESSAGE_FIELDS} } }
  }
}`;

export const MESSAGE = `query Message($id: ID!) {
  message(id: $id) {
    ${MESSAGE_FIELDS}
    history { status at error { code title } }
    ... on ReceivedMessage { inReplyTo { id at status contentType content { text templateName } campaign { name } } }
    ... on SentMessage { deliveredAt readAt pricingCategory pricingModel freeReason billable replyCount reply { id at secondsToReply button { payload text } } }
  }
}`;

export const COUNTS = `query Counts($input: MessageCountsInput!) {
  messageCounts(input: $input) { total groups { bucket keys { dimension value } count } }
}`;

export const FUNNEL = `query Funnel($input: FunnelInput!) {
  funnel(input: $input) {
    total { messages sent delivered read deliveredReadUnknown replied clicked failed deliveredRate readRate repliedRate clickedRate failedRate }
    groups { keys { dimension value } messages sent delivered read deliveredReadUnknown replied clicked failed deliveredRate readRate repliedRate clickedRate failedRate }
  }
}`;

export const FAILURES = `query Failures($input: FailureAnalysisInput!) {
  failureAnalysis(input: $input) {
    failures contacts
    codes { code title count share contacts firstSeen lastSeen errorClass action }
  }
}`;

export const QUICK_REPLIES = `query QuickReplies($input: QuickReplyClicksInput!) {
  quickReplyClicks(input: $input) { campaign { id name } button { payload text } count contacts }
}`;

const JOB_FIELDS = `id format status rowsWritten totalRows matchedRows bytes truncated truncationMessage failure
  createdAt fileName downloadUrl`;

export const START_EXPORT = `mutation StartExport($input: StartExportInput!) { startExport(input: $input) { job { ${JOB_FIELDS} } } }`;
export const EXPORT_JOB = `query ExportJob($id: ID!) { exportJob(id: $id) { ${JOB_FIELDS} } }`;
export const EXPORT_JOBS = `{ exportJobs(first: 10) { ${JOB_FIELDS} } }`;
export const CANCEL_EXPORT = `mutation Cancel($input: CancelExportInput!) { cancelExport(input: $input) { job { ${JOB_FIELDS} } } }`;

const SEARCH_FIELDS = `id name owner shared editable columns sort
  period { kind relative timeZone from to }
  filter { direction subaccounts users campaigns contentTypes sentWithSession correlationId statuses errorCodes
           contact conversationId conversationTypes replied billable }`;

export const SAVED_SEARCHES = `{ savedSearches { ${SEARCH_FIELDS} } }`;
export const SAVE_SEARCH = `mutation Save($input: SaveSearchInput!) {
  saveSearch(input: $input) {
    __typename
    ... on SavedSearch { ${SEARCH_FIELDS} }
    ... on NameTaken { message }
    ... on InvalidSearch { field message }
  }
}`;
export const RENAME_SEARCH = `mutation Rename($input: UpdateSavedSearchInput!) {
  updateSavedSearch(input: $input) {
    __typename
    ... on SavedSearch { id name }
    ... on NameTaken { message }
    ... on InvalidSearch { field message }
  }
}`;
export const DELETE_SEARCH = `mutation Delete($input: DeleteSavedSearchInput!) { deleteSavedSearch(input: $input) { id } }`;

// ---- shapes of the answers ----

export interface Me {
  name: string;
  role: string;
  account: { id: string; name: string };
  subaccounts: { id: string; name: string }[];
}

export interface Message {
  __typename: 'SentMessage' | 'ReceivedMessage';
  id: string;
  direction: 'MT' | 'MO';
  at: string;
  status: string;
  user: string | null;
  correlationId: string | null;
  contentType: string;
  subaccount: { id: string; name: string };
  campaign: { id: string; name: string } | null;
  contact: { phone: string | null; waId: string | null; bsuid: string | null; name: string | null };
  conversation: { id: string; type: string | null; expiresAt: string | null } | null;
  sentWithSession?: boolean;
  statusAt?: string;
  content?: { text: string; templateName: string | null; templateLanguage: string | null };
  error?: { code: number; title: string } | null;
  text?: string;
  button?: { payload: string; text: string } | null;
  media?: { id: string; mimeType: string | null } | null;
  inReplyToId?: string | null;
  history?: { status: string; at: string; error: { code: number; title: string } | null }[];
  inReplyTo?: { id: string; at: string; status: string; contentType: string; content: { text: string; templateName: string | null }; campaign: { name: string } | null } | null;
  deliveredAt?: string | null;
  readAt?: string | null;
  pricingCategory?: string | null;
  replyCount?: number;
  pricingModel?: string | null;
  freeReason?: string | null;
  billable?: boolean | null;
  reply?: { id: string; at: string; secondsToReply: number; button: { payload: string; text: string } | null } | null;
}

export interface MessagePage {
  totalCount: number;
  /** Up to when the account's data is complete; null when nothing was ever ingested. */
  dataAsOf: string | null;
  period: { from: string; to: string };
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Message }[];
}

export interface ExportJob {
  id: string;
  format: string;
  status: string;
  rowsWritten: number;
  totalRows: number | null;
  matchedRows: number | null;
  bytes: number;
  truncated: boolean;
  truncationMessage: string | null;
  failure: string | null;
  createdAt: string;
  fileName: string;
  downloadUrl: string | null;
}

export interface SavedSearch {
  id: string;
  name: string;
  owner: string;
  shared: boolean;
  editable: boolean;
  columns: string[];
  sort: string | null;
  period: { kind: string; relative: string | null; timeZone: string | null; from: string; to: string } | null;
  filter: Record<string, unknown>;
}
