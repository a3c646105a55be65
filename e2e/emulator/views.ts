import { initials } from './avatars';
import { escapeHtml } from './html';
import type { TestUser } from './users';

// Plain black and white on the system font, the look of Vercel's own login and consent pages.
const STYLES = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#fafafa;color:#000;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{width:100%;max-width:420px;margin:24px;padding:32px;background:#fff;border:1px solid #eaeaea;border-radius:12px}
.brand{display:flex;align-items:center;gap:8px;font-weight:600;margin-bottom:24px}
.brand svg{width:24px;height:24px}
h1{font-size:24px;line-height:1.25;margin:0 0 8px;letter-spacing:-.02em}
p{margin:0 0 16px;color:#666}
fieldset{border:0;margin:0 0 24px;padding:0}
legend{font-weight:600;margin-bottom:8px}
.account{display:flex;align-items:center;gap:12px;padding:12px;border:1px solid #eaeaea;border-radius:8px;margin-bottom:8px;cursor:pointer}
.account:has(input:checked){border-color:#000}
.account input{accent-color:#000;margin:0}
.avatar{width:36px;height:36px;border-radius:50%;flex:none;display:flex;align-items:center;justify-content:center;
background:#fff;color:#000;border:1px solid #000;font-size:14px;font-weight:600}
.who{display:flex;flex-direction:column;min-width:0}
.who small{color:#666}
ul{margin:0 0 24px;padding:0;list-style:none;border-top:1px solid #eaeaea}
li{padding:12px 0;border-bottom:1px solid #eaeaea}
.actions{display:flex;gap:12px}
button{flex:1;height:44px;border-radius:6px;font:inherit;font-weight:500;cursor:pointer;border:1px solid #000}
button.primary{background:#000;color:#fff}
button.secondary{background:#fff;color:#000;border-color:#eaeaea}
button:focus-visible,input:focus-visible{outline:2px solid #000;outline-offset:2px}
.error{padding:12px;border:1px solid #000;border-radius:8px;margin-bottom:16px}
.note{margin:16px 0 0;font-size:13px}
`;

const LOGO =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2 23 21H1z" fill="#000"/></svg>';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
<div class="brand">${LOGO}<span>Vercel</span></div>
${body}
</main>
</body>
</html>`;
}

function avatar(user: TestUser): string {
  if (user.picture === null) {
    return `<span class="avatar" aria-hidden="true">${escapeHtml(initials(user.name))}</span>`;
  }
  return `<img class="avatar" src="${escapeHtml(user.picture)}" alt="" width="36" height="36">`;
}

export interface LoginView {
  action: string;
  users: readonly TestUser[];
  selected?: string;
  error?: string;
}

/** Step one: pick who signs in. The emulator has no passwords, only seeded accounts. */
export function loginPage({ action, users, selected, error }: LoginView): string {
  const choice = selected ?? users[0]?.username;
  const accounts = users
    .map(
      (user) => `<label class="account">
<input type="radio" name="username" value="${escapeHtml(user.username)}"${user.username === choice ? ' checked' : ''}>
${avatar(user)}
<span class="who"><strong>${escapeHtml(user.name)}</strong><small>@${escapeHtml(user.username)} · ${escapeHtml(user.email)}</small></span>
</label>`,
    )
    .join('\n');
  return page(
    'Log in to Vercel',
    `<h1>Log in to Vercel</h1>
<p>Local emulator: choose a test account.</p>
${error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : ''}
<form method="post" action="${escapeHtml(action)}" data-prompt="login">
<fieldset>
<legend>Account</legend>
${accounts}
</fieldset>
<div class="actions"><button type="submit" class="primary">Continue</button></div>
</form>`,
  );
}

// Each scope in the words a user reads on the consent page, after
// https://vercel.com/docs/sign-in-with-vercel/consent-page and
// https://vercel.com/docs/sign-in-with-vercel/scopes-and-permissions.
const SCOPE_DESCRIPTIONS: Record<string, string> = {
  openid: 'Confirm your identity with your Vercel account',
  email: 'See your email address',
  profile: 'See your name, username and avatar',
  offline_access: 'Stay connected when you are not using the app',
};

export interface ConsentView {
  action: string;
  appName: string;
  user: TestUser;
  scopes: readonly string[];
}

/** Step two: the app's name, what it asks for, and the user's answer. */
export function consentPage({ action, appName, user, scopes }: ConsentView): string {
  const items = scopes
    .filter((scope) => scope in SCOPE_DESCRIPTIONS)
    .map((scope) => `<li>${escapeHtml(SCOPE_DESCRIPTIONS[scope])}</li>`)
    .join('\n');
  return page(
    `Authorize ${appName}`,
    `<h1>${escapeHtml(appName)} wants to access your Vercel account</h1>
<p>Signed in as <strong>${escapeHtml(user.name)}</strong> (@${escapeHtml(user.username)})</p>
<form method="post" action="${escapeHtml(action)}" data-prompt="consent">
<ul aria-label="Requested permissions">
${items}
</ul>
<div class="actions">
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
<button type="submit" name="decision" value="allow" class="primary">Allow</button>
</div>
</form>
<p class="note">Allowing lets ${escapeHtml(appName)} use this information as described in its terms.</p>`,
  );
}

/** Errors that cannot go back to the app: unknown client, unregistered redirect URI, expired step. */
export function errorPage(error: string, description?: string): string {
  return page(
    'Something went wrong',
    `<h1>Something went wrong</h1>
<div class="error" role="alert"><strong>${escapeHtml(error)}</strong>${
      description ? `<br>${escapeHtml(description)}` : ''
    }</div>
<p>Return to the app and start signing in again.</p>`,
  );
}
