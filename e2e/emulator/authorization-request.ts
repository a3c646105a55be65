import { errors, type Client, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

const IDENTITY_SCOPES = ['openid', 'email', 'profile'];

/**
 * What an app is granted when its request names no scope: all it has enabled
 * (https://vercel.com/docs/sign-in-with-vercel/authorization-server-api).
 */
function enabledScopes(client: Client): string[] {
  return client.grantTypeAllowed('refresh_token')
    ? [...IDENTITY_SCOPES, 'offline_access']
    : IDENTITY_SCOPES;
}

function requestedScopes(ctx: KoaContextWithOIDC): string[] | undefined {
  const raw = ctx.query.scope;
  return typeof raw === 'string' ? raw.split(' ').filter(Boolean) : undefined;
}

/**
 * Applies Vercel's scope rules where oidc-provider's differ.
 *
 * oidc-provider drops `offline_access` unless the request carries `prompt=consent`, the default
 * reading of OpenID Connect Core §11. The same section allows "other conditions ... permitting
 * offline access", and Vercel has one: the app enabled offline_access in its dashboard, and it
 * issues refresh tokens without any prompt
 * (https://vercel.com/docs/sign-in-with-vercel/scopes-and-permissions). So for a client allowed
 * refresh tokens the requested `offline_access` is put back; for any other it stays silently
 * dropped, as Vercel drops scopes an app has not enabled. No scope at all means every scope the
 * app has enabled.
 *
 * It runs as the `scope` validator of `extraParams`, the documented hook that follows
 * oidc-provider's own scope check and precedes the consent decision and the issued code.
 */
function applyVercelScopePolicy(
  ctx: KoaContextWithOIDC,
  value: string | undefined,
  client: Client,
): void {
  const requested = requestedScopes(ctx);
  if (requested === undefined || requested.length === 0) {
    ctx.oidc.params!.scope = enabledScopes(client).join(' ');
    return;
  }
  const kept = new Set(value?.split(' ').filter(Boolean));
  if (requested.includes('offline_access') && client.grantTypeAllowed('refresh_token')) {
    kept.add('offline_access');
  }
  ctx.oidc.params!.scope = kept.size > 0 ? [...kept].join(' ') : undefined;
}

/**
 * Vercel accepts only `consent` and `login`; `prompt=none` (silent re-authentication) is refused
 * with this `invalid_request` (https://vercel.com/docs/sign-in-with-vercel/troubleshooting).
 */
function rejectPromptNone(ctx: KoaContextWithOIDC): void {
  if (ctx.oidc.prompts.has('none')) {
    throw new errors.InvalidRequest(
      "Parameter 'prompt'. Invalid enum value. Expected 'consent' | 'login', received 'none'",
    );
  }
}

export const vercelAuthorizationParams: Configuration['extraParams'] = {
  scope: applyVercelScopePolicy,
  prompt: rejectPromptNone,
};
