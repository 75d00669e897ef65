// The signed-in session as the pages use it: the CSRF token every POST must carry (a cookie session needs it;
// see SecurityConfig.needsCsrf), fetched from the service and never stored anywhere but in memory.

interface CsrfDetails { headerName: string; token: string }

let csrf: Promise<CsrfDetails> | null = null;

function loadCsrf(): Promise<CsrfDetails> {
  if (!csrf) {
    csrf = fetch('/api/v1/session/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => {
        if (r.status === 401) {
          signIn();
        }
        if (!r.ok) {
          throw new Error(`HTTP ${r.status}`);
        }
        return r.json() as Promise<CsrfDetails>;
      })
      .catch((e) => {
        csrf = null;
        throw e;
      });
  }
  return csrf;
}

/** Sends the browser to the sign-in page, which comes back to this page once signed in. */
export function signIn(): never {
  window.location.assign('/login');
  throw new Error('not signed in');
}

/** A POST with the session's CSRF token; a rejected token (the session changed) is fetched again once. */
export async function post(url: string, body: unknown, retried = false): Promise<Response> {
  const token = await loadCsrf();
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', [token.headerName]: token.token },
    body: JSON.stringify(body),
  });
  if (response.status === 401) {
    signIn();
  }
  if (response.status === 403 && !retried) {
    csrf = null;
    return post(url, body, true);
  }
  return response;
}

/** Signs out: a POST to /logout with the CSRF token as a form field, as Spring Security expects. */
export async function signOut(): Promise<void> {
  const token = await loadCsrf().catch(() => null);
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/logout';
  if (token) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = '_csrf';
    input.value = token.token;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
}
