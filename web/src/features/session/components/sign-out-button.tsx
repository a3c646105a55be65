import { useSignOut } from '../api/sign-out';

export function SignOutButton() {
  const signOut = useSignOut();
  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={() => signOut.mutate()}
      disabled={signOut.isPending}
      aria-busy={signOut.isPending}
    >
      {signOut.isPending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
