import CryptoJS from "crypto-js";

export default function run() {
  const text = "The quick brown fox jumps over the lazy dog";
  const key = CryptoJS.enc.Hex.parse("000102030405060708090a0b0c0d0e0f");
  const iv = CryptoJS.enc.Hex.parse("0f0e0d0c0b0a09080706050403020100");
  return JSON.stringify([
    CryptoJS.MD5(text).toString(),
    CryptoJS.SHA256(text).toString(),
    CryptoJS.SHA3(text, { outputLength: 256 }).toString(),
    CryptoJS.HmacSHA512(text, "key").toString(CryptoJS.enc.Base64),
    CryptoJS.AES.encrypt(text, key, { iv }).toString(),
    CryptoJS.PBKDF2("password", "salt", { keySize: 4, iterations: 10 }).toString(),
  ]);
}
