export function ProfileSkeleton() {
  return (
    <section className="card" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading your profile…
      </p>
      <div className="profile-summary" aria-hidden="true">
        <span className="skeleton skeleton-circle" />
        <div className="stack-sm">
          <span className="skeleton skeleton-line" style={{ width: '12rem' }} />
          <span className="skeleton skeleton-line" style={{ width: '8rem' }} />
        </div>
      </div>
      <div className="details" aria-hidden="true">
        {[0, 1, 2].map((row) => (
          <span key={row} className="skeleton skeleton-line" />
        ))}
      </div>
    </section>
  );
}
