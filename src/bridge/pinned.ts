// The upstream the patches and the golden outputs were made with: eiln/anecc at commit aa7b14f
// (anecc 1.0.9). A hash is a fact about that file, so it is written down rather than computed.

/** sha256 of anecc/__init__.py at eiln/anecc aa7b14f. */
export const pinnedUpstreamSha256 = 'f5add3d87b9062f82e5bec5f5c31fc892fd56e25adb4391d1d175f19eae1e2e7';
export const pinnedUpstreamLabel = 'eiln/anecc aa7b14f (anecc 1.0.9)';

/** Name of the package folder inside an upstream source folder and inside a patched copy. */
export const packageFolderName = 'anecc';
