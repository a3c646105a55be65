import { useState } from 'react';
import { initials } from '../display-name';

interface AvatarProps {
  name: string;
  picture: string | null;
  size?: number;
}

/** The user's picture, or their initials in a circle when there is none or it fails to load. */
export function Avatar({ name, picture, size = 72 }: AvatarProps) {
  const [failed, setFailed] = useState(false);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.38) };
  if (picture && !failed) {
    return (
      <img
        className="avatar"
        src={picture}
        alt={`Avatar of ${name}`}
        width={size}
        height={size}
        style={style}
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span
      className="avatar avatar-placeholder"
      role="img"
      aria-label={`Avatar of ${name}`}
      style={style}
    >
      <span aria-hidden="true">{initials(name)}</span>
    </span>
  );
}
