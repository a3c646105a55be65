import type { Profile } from '@siwv/shared';
import { ErrorNotice } from '../../errors/components/error-notice';
import { useProfile } from '../api/get-profile';
import { displayName } from '../display-name';
import { Avatar } from './avatar';
import { ProfileSkeleton } from './profile-skeleton';

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div className="details-row">
      <dt>{label}</dt>
      <dd>{value ?? <span className="muted">Not shared</span>}</dd>
    </div>
  );
}

export function ProfileCard({ profile }: { profile: Profile }) {
  const name = displayName(profile);
  return (
    <section className="card" aria-labelledby="profile-name">
      <div className="profile-summary">
        <Avatar name={name} picture={profile.picture} />
        <div>
          <h2 id="profile-name" className="profile-name">
            {name}
          </h2>
          {profile.username && <p className="muted">@{profile.username}</p>}
        </div>
      </div>
      <dl className="details">
        <Field label="Name" value={profile.name} />
        <div className="details-row">
          <dt>Email</dt>
          <dd>
            {profile.email ?? <span className="muted">Not shared</span>}
            {profile.email && profile.emailVerified && <span className="badge">Verified</span>}
          </dd>
        </div>
        <Field label="Username" value={profile.username} />
      </dl>
    </section>
  );
}

export function ProfileDetails() {
  const profile = useProfile();
  if (profile.isPending) return <ProfileSkeleton />;
  if (profile.isError) {
    return (
      <ErrorNotice
        error={profile.error}
        onRetry={() => void profile.refetch()}
        retrying={profile.isFetching}
      />
    );
  }
  return <ProfileCard profile={profile.data} />;
}
