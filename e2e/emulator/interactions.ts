import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import { RequestBodyError, readForm, sendHtml } from './http';
import { EMULATOR_PATHS } from './paths';
import { TEST_USERS, findUserById, findUserByUsername } from './users';
import { consentPage, errorPage, loginPage } from './views';

/**
 * Vercel's exact words when the user presses Cancel on the consent page
 * (https://vercel.com/docs/sign-in-with-vercel/troubleshooting).
 */
export const CANCELED_DESCRIPTION = 'The user canceled the authorization process';

type Step = 'login' | 'consent' | undefined;

async function showPage(
  provider: Provider,
  res: ServerResponse,
  interaction: Interaction,
): Promise<void> {
  const { uid, prompt, params, session } = interaction;
  if (prompt.name === 'login') {
    sendHtml(res, 200, loginPage({ action: EMULATOR_PATHS.login(uid), users: TEST_USERS }));
    return;
  }
  const user = session?.accountId ? findUserById(session.accountId) : undefined;
  const client = await provider.Client.find(String(params.client_id));
  if (prompt.name !== 'consent' || !user || !client) {
    sendHtml(res, 400, errorPage('invalid_request', 'This sign-in step cannot be shown.'));
    return;
  }
  sendHtml(
    res,
    200,
    consentPage({
      action: EMULATOR_PATHS.consent(uid),
      appName: client.clientName ?? client.clientId,
      user,
      scopes: String(params.scope ?? '').split(' '),
    }),
  );
}

/**
 * Picking another account than the browser's current one (after `prompt=login`) signs the old one
 * out first, as Vercel's login page does. oidc-provider would do it through its RP-initiated
 * logout pages, which Vercel does not have and the emulator leaves disabled.
 */
async function endOtherAccountSession(
  provider: Provider,
  interaction: Interaction,
  accountId: string,
) {
  const previous = interaction.session;
  if (!previous?.accountId || previous.accountId === accountId) return;
  await (await provider.Session.findByUid(previous.uid))?.destroy();
  interaction.session = undefined;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
}

async function submitLogin(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  interaction: Interaction,
): Promise<void> {
  const username = (await readForm(req)).get('username') ?? '';
  const user = findUserByUsername(username);
  if (!user) {
    const action = EMULATOR_PATHS.login(interaction.uid);
    sendHtml(
      res,
      400,
      loginPage({ action, users: TEST_USERS, error: 'Choose one of the test accounts.' }),
    );
    return;
  }
  await endOtherAccountSession(provider, interaction, user.id);
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.id } },
    { mergeWithLastSubmission: false },
  );
}

async function submitConsent(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  interaction: Interaction,
): Promise<void> {
  const decision = (await readForm(req)).get('decision');
  if (decision === 'cancel') {
    const denied = { error: 'access_denied', error_description: CANCELED_DESCRIPTION };
    await provider.interactionFinished(req, res, denied, { mergeWithLastSubmission: false });
    return;
  }
  if (decision !== 'allow') {
    sendHtml(res, 400, errorPage('invalid_request', 'Press Allow or Cancel.'));
    return;
  }

  const { params, session, grantId, prompt } = interaction;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
  if (!grant) {
    sendHtml(res, 400, errorPage('login_expired', 'This sign-in has expired.'));
    return;
  }
  // Allow grants what the page listed: the requested scopes not yet granted to this app.
  const missingScopes = prompt.details.missingOIDCScope;
  if (Array.isArray(missingScopes)) grant.addOIDCScope(missingScopes.map(String));
  const missingClaims = prompt.details.missingOIDCClaims;
  if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims.map(String));
  const savedGrantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId: savedGrantId } },
    { mergeWithLastSubmission: true },
  );
}

/** Serves the login and consent steps oidc-provider hands over to (its devInteractions are off). */
export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  step: Step,
): Promise<void> {
  let interaction: Interaction;
  try {
    interaction = await provider.interactionDetails(req, res);
  } catch {
    sendHtml(
      res,
      400,
      errorPage('login_expired', 'This sign-in has expired or was opened in another browser.'),
    );
    return;
  }
  if (interaction.uid !== uid) {
    sendHtml(
      res,
      400,
      errorPage('invalid_request', 'This sign-in step belongs to another sign-in.'),
    );
    return;
  }

  const current = interaction.prompt.name;
  try {
    if (req.method === 'GET' && step === undefined) await showPage(provider, res, interaction);
    else if (req.method === 'POST' && step === 'login' && current === 'login') {
      await submitLogin(provider, req, res, interaction);
    } else if (req.method === 'POST' && step === 'consent' && current === 'consent') {
      await submitConsent(provider, req, res, interaction);
    } else {
      sendHtml(res, 400, errorPage('invalid_request', 'This sign-in step is not the current one.'));
    }
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    sendHtml(res, 400, errorPage('invalid_request', error.message));
  }
}
