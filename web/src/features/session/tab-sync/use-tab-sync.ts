import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { siwvQueryKeys } from '@siwv/shared/query';
import { useSession } from '../api/get-session';
import { useForgetSession } from '../api/sign-out';
import { useSessionChannel, type SessionEvent } from './session-channel';

/**
 * Keeps the tabs of this origin in step, so that none shows a user another tab has signed out, or
 * a sign-in button after another tab signed in. Each tab announces every change it sees in who is
 * signed in (landing back from Vercel, signing out, finding the session ended by a 401) unless
 * another tab announced that change first.
 */
export function useTabSync() {
  const channel = useSessionChannel();
  const queryClient = useQueryClient();
  const forgetSession = useForgetSession();
  const { data: session } = useSession();
  // The `sub` last seen signed in, `null` for signed out, `undefined` before the first answer.
  // Refs, so that React's development double-mount does not announce anything twice.
  const seen = useRef<string | null | undefined>(undefined);
  // A change another tab has announced, so this one need not repeat it.
  const announcedElsewhere = useRef<SessionEvent | null>(null);

  useEffect(() => {
    if (!session) return;
    const sub = session.authenticated ? session.user.sub : null;
    const previous = seen.current;
    seen.current = sub;
    // A first answer of "signed out" changes nothing anyone needs to hear about.
    if (sub === previous || (sub === null && previous === undefined)) return;
    const event: SessionEvent = sub === null ? 'signed-out' : 'signed-in';
    const echo = announcedElsewhere.current === event;
    announcedElsewhere.current = null;
    if (!echo) channel.announce(event);
  }, [channel, session]);

  useEffect(
    () =>
      channel.subscribe((event) => {
        if (event === 'signed-in') {
          announcedElsewhere.current = 'signed-in';
          void queryClient.invalidateQueries({ queryKey: siwvQueryKeys.session });
        } else {
          seen.current = null;
          void forgetSession();
        }
      }),
    [channel, queryClient, forgetSession],
  );
}
