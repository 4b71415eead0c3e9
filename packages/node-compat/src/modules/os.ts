// The os module: constant answers, those of a small Linux machine with no users or network.

export const EOL = "\n";
export const devNull = "/dev/null";
export const constants = { signals: {}, errno: {}, priority: {} };
export const platform = (): string => "linux";
export const type = (): string => "Linux";
export const arch = (): string => "wasm32";
export const machine = (): string => "wasm32";
export const release = (): string => "";
export const version = (): string => "";
export const endianness = (): "LE" => "LE";
export const hostname = (): string => "localhost";
export const homedir = (): string => "/";
export const tmpdir = (): string => "/tmp";
export const uptime = (): number => 0;
export const loadavg = (): number[] => [0, 0, 0];
export const totalmem = (): number => 0;
export const freemem = (): number => 0;
export const availableParallelism = (): number => 1;
export const cpus = (): never[] => [];
export const networkInterfaces = (): Record<string, never[]> => ({});
export const userInfo = () => ({ uid: -1, gid: -1, username: "", homedir: "/", shell: null });

export default {
  EOL, devNull, constants, platform, type, arch, machine, release, version, endianness, hostname, homedir, tmpdir,
  uptime, loadavg, totalmem, freemem, availableParallelism, cpus, networkInterfaces, userInfo,
};
