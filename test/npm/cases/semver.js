import semver from "semver";

export default function run() {
  const versions = ["1.2.3", "1.10.0", "2.0.0-rc.1", "2.0.0", "0.9.9", "1.2.3-beta.2"];
  return JSON.stringify([
    semver.sort([...versions]),
    semver.maxSatisfying(versions, "^1.2.0"),
    semver.satisfies("2.0.0-rc.1", ">=1.0.0", { includePrerelease: true }),
    semver.inc("1.2.3", "preminor", "alpha"),
    semver.coerce("v3.4 beta")?.version,
    semver.validRange("~1.2 || >=3"),
  ]);
}
