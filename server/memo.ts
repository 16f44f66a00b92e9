/**
 * One value per object, made on first use and dropped with the object: a database's group
 * committer, an app's guess limiter, an instrument's scoring rules. What is made must not depend
 * on anything but the object, which is never changed after it is made.
 */
export function memoizeByObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    if (made.has(key)) return made.get(key) as V;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
