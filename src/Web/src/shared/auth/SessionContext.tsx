import { useSyncExternalStore } from 'react';
import { signIn, type SignedInUser } from './session';

/** The signed-in user (re-renders on sign-in and sign-out). */
export function useSignedInUser(): SignedInUser | null {
  const auth = signIn();
  return useSyncExternalStore(
    (listener) => auth.subscribe(listener),
    () => auth.current(),
  );
}
