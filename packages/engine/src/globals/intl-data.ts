// English (en-US) data for ./intl.ts, as CLDR has it (and so Node's ICU):
// packed into strings, which a plug-in's snapshot keeps as flat bytes
// rather than as many small heap objects.

/** unit:short one,short other,long one,long other,narrow one,narrow other; empty = as the one before, "=" = as short one. */
export const UNITS =
  "acre: ac,, acre, acres,ac,;bit: bit,, bit, bits,bit,;byte: byte,, byte, bytes,B,;celsius:°C,, degree Celsius, degrees Celsius,=,;centimeter: cm,, centimeter, centimeters,cm,;day: day, days, day, days,d,;degree: deg,, degree, degrees,°,;fahrenheit:°F,, degree Fahrenheit, degrees Fahrenheit,°,;fluid-ounce: fl oz,, fluid ounce, fluid ounces,fl oz,;foot: ft,, foot, feet,′,;gallon: gal,, gallon, gallons,gal,;gigabit: Gb,, gigabit, gigabits,Gb,;gigabyte: GB,, gigabyte, gigabytes,GB,;gram: g,, gram, grams,g,;hectare: ha,, hectare, hectares,ha,;hour: hr,, hour, hours,h,;inch: in,, inch, inches,″,;kilobit: kb,, kilobit, kilobits,kb,;kilobyte: kB,, kilobyte, kilobytes,kB,;kilogram: kg,, kilogram, kilograms,kg,;kilometer: km,, kilometer, kilometers,km,;liter: L,, liter, liters,L,;megabit: Mb,, megabit, megabits,Mb,;megabyte: MB,, megabyte, megabytes,MB,;meter: m,, meter, meters,m,;microsecond: μs,, microsecond, microseconds,μs,;mile: mi,, mile, miles,mi,;mile-scandinavian: smi,, mile-scandinavian, miles-scandinavian,smi,;milliliter: mL,, milliliter, milliliters,mL,;millimeter: mm,, millimeter, millimeters,mm,;millisecond: ms,, millisecond, milliseconds,ms,;minute: min,, minute, minutes,m,;month: mth, mths, month, months,m,;nanosecond: ns,, nanosecond, nanoseconds,ns,;ounce: oz,, ounce, ounces,oz,;percent:%,, percent,,=,;petabyte: PB,, petabyte, petabytes,PB,;pound: lb,, pound, pounds,#,;second: sec,, second, seconds,s,;stone: st,, stone, stones,st,;terabit: Tb,, terabit, terabits,Tb,;terabyte: TB,, terabyte, terabytes,TB,;week: wk, wks, week, weeks,w,;yard: yd,, yard, yards,yd,;year: yr, yrs, year, years,y,";

/** The short form of a unit after "per" ("km/h"), where it is not the unit's own short form. */
export const PER_UNITS: Record<string, string> = { hour: "h", second: "s", byte: "B" };

/** code,symbol (empty: the code),narrow symbol (empty: the symbol),name,plural name (empty: name + "s"). */
export const CURRENCIES =
  "USD,$,,US dollar,;EUR,€,,euro,;GBP,£,,British pound,;JPY,¥,,Japanese yen,Japanese yen;CNY,CN¥,¥,Chinese yuan,Chinese yuan;INR,₹,,Indian rupee,;KRW,₩,,South Korean won,South Korean won;CAD,CA$,$,Canadian dollar,;AUD,A$,$,Australian dollar,;MXN,MX$,$,Mexican peso,;BRL,R$,,Brazilian real,;CHF,,,Swiss franc,;HKD,HK$,$,Hong Kong dollar,;NZD,NZ$,$,New Zealand dollar,;SEK,,kr,Swedish krona,Swedish kronor;NOK,,kr,Norwegian krone,Norwegian kroner;DKK,,kr,Danish krone,Danish kroner;PLN,,zł,Polish zloty,;CZK,,Kč,Czech koruna,;HUF,,Ft,Hungarian forint,;RUB,,₽,Russian ruble,;TRY,,₺,Turkish lira,Turkish Lira;ZAR,,R,South African rand,South African rand;SGD,,$,Singapore dollar,;TWD,NT$,$,New Taiwan dollar,;THB,,฿,Thai baht,Thai baht;IDR,,Rp,Indonesian rupiah,;MYR,,RM,Malaysian ringgit,;PHP,₱,,Philippine peso,;VND,₫,,Vietnamese dong,Vietnamese dong;ILS,₪,,Israeli new shekel,;AED,,,UAE dirham,;SAR,,,Saudi riyal,;EGP,,E£,Egyptian pound,;NGN,,₦,Nigerian naira,;KES,,,Kenyan shilling,;ARS,,$,Argentine peso,;CLP,,$,Chilean peso,;COP,,$,Colombian peso,;PEN,,,Peruvian sol,Peruvian soles;UAH,,₴,Ukrainian hryvnia,;RON,,lei,Romanian leu,Romanian lei;BGN,,,Bulgarian lev,Bulgarian leva;ISK,,kr,Icelandic króna,Icelandic krónur;PKR,,Rs,Pakistani rupee,;BDT,,৳,Bangladeshi taka,";

/** Currencies with other than 2 fraction digits (ISO 4217 as CLDR amends it). */
export const CURRENCY_DIGITS: Record<string, number> = {};
for (const code of "AFN ALL BIF CLP COP DJF GNF HUF IDR IQD IRR ISK JPY KMF KPW KRW LAK LBP MGA MMK PKR PYG RWF SLL SOS SYP UGX VND VUV XAF XOF XPF YER".split(" ")) CURRENCY_DIGITS[code] = 0;
for (const code of "BHD JOD KWD LYD OMR TND".split(" ")) CURRENCY_DIGITS[code] = 3;

/** unit:long one,long other,short one,short other,narrow one,narrow other|last,this,next (long)|last,this,next (short and narrow). */
export const RELATIVE =
  "year: year, years, yr., yr.,y,y|last year,this year,next year|last yr.,this yr.,next yr.;" +
  "quarter: quarter, quarters, qtr., qtrs.,q,q|last quarter,this quarter,next quarter|last qtr.,this qtr.,next qtr.;" +
  "month: month, months, mo., mo.,mo,mo|last month,this month,next month|last mo.,this mo.,next mo.;" +
  "week: week, weeks, wk., wk.,w,w|last week,this week,next week|last wk.,this wk.,next wk.;" +
  "day: day, days, day, days,d,d|yesterday,today,tomorrow|yesterday,today,tomorrow;" +
  "hour: hour, hours, hr., hr.,h,h|,this hour,|,this hour,;" +
  "minute: minute, minutes, min., min.,m,m|,this minute,|,this minute,;" +
  "second: second, seconds, sec., sec.,s,s|,now,|,now,";

/**
 * Metazones with English names: key|short letters (US zones, "PST"/"PDT"/"PT")|standard name|daylight name|generic name|zones;
 * an empty daylight or generic name is the standard name.
 * Only the common ones; a zone without one is named by its offset ("GMT+1"), as ICU does for a name it lacks.
 */
export const METAZONES =
  "P|P|Pacific Standard Time|Pacific Daylight Time|Pacific Time|America/Los_Angeles America/Vancouver America/Tijuana;" +
  "M|M|Mountain Standard Time|Mountain Daylight Time|Mountain Time|America/Denver America/Phoenix America/Boise America/Edmonton America/Cambridge_Bay America/Yellowknife America/Inuvik America/Ciudad_Juarez;" +
  "C|C|Central Standard Time|Central Daylight Time|Central Time|America/Chicago America/Winnipeg America/Mexico_City America/Indiana/Knox America/Indiana/Tell_City America/Menominee America/North_Dakota/Center America/North_Dakota/New_Salem America/North_Dakota/Beulah America/Regina America/Matamoros America/Monterrey America/Merida America/Bahia_Banderas America/Rankin_Inlet America/Resolute America/Swift_Current America/Belize America/Costa_Rica America/El_Salvador America/Guatemala America/Tegucigalpa America/Managua;" +
  "E|E|Eastern Standard Time|Eastern Daylight Time|Eastern Time|America/New_York America/Detroit America/Toronto America/Nassau America/Iqaluit America/Indiana/Indianapolis America/Indiana/Vincennes America/Indiana/Winamac America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Vevay America/Kentucky/Louisville America/Kentucky/Monticello America/Jamaica America/Panama America/Cancun America/Port-au-Prince America/Grand_Turk;" +
  "AK|AK|Alaska Standard Time|Alaska Daylight Time|Alaska Time|America/Anchorage America/Juneau America/Sitka America/Metlakatla America/Yakutat America/Nome;" +
  "H|H|Hawaii-Aleutian Standard Time|Hawaii-Aleutian Daylight Time|Hawaii-Aleutian Time|Pacific/Honolulu America/Adak;" +
  "A|A|Atlantic Standard Time|Atlantic Daylight Time|Atlantic Time|America/Halifax America/Glace_Bay America/Moncton America/Goose_Bay America/Thule Atlantic/Bermuda America/Puerto_Rico America/Barbados America/Martinique America/Santo_Domingo;" +
  "GMT||Greenwich Mean Time|British Summer Time|Greenwich Mean Time|Europe/London Africa/Abidjan Africa/Accra Africa/Bissau Africa/Monrovia America/Danmarkshavn Atlantic/Reykjavik;" +
  "CE||Central European Standard Time|Central European Summer Time|Central European Time|Europe/Berlin Europe/Paris Europe/Rome Europe/Madrid Europe/Amsterdam Europe/Brussels Europe/Vienna Europe/Zurich Europe/Stockholm Europe/Oslo Europe/Copenhagen Europe/Warsaw Europe/Prague Europe/Budapest Europe/Belgrade Europe/Malta Europe/Monaco Europe/Luxembourg Europe/Andorra Europe/Gibraltar Europe/Tirane Africa/Ceuta Africa/Algiers Africa/Tunis Arctic/Longyearbyen;" +
  "EE||Eastern European Standard Time|Eastern European Summer Time|Eastern European Time|Europe/Athens Europe/Helsinki Europe/Kiev Europe/Kyiv Europe/Bucharest Europe/Sofia Europe/Riga Europe/Tallinn Europe/Vilnius Europe/Chisinau Asia/Beirut Asia/Nicosia Asia/Famagusta Africa/Cairo Africa/Tripoli Europe/Kaliningrad;" +
  "WE||Western European Standard Time|Western European Summer Time|Western European Time|Europe/Lisbon Atlantic/Canary Atlantic/Madeira Atlantic/Faroe;" +
  "J||Japan Standard Time|Japan Daylight Time|Japan Time|Asia/Tokyo;" +
  "CN||China Standard Time|China Daylight Time|China Time|Asia/Shanghai Asia/Macau Asia/Taipei;" +
  "IN||India Standard Time|India Standard Time|India Standard Time|Asia/Kolkata Asia/Calcutta;" +
  "AE||Australian Eastern Standard Time|Australian Eastern Daylight Time|Eastern Australia Time|Australia/Sydney Australia/Melbourne Australia/Hobart Australia/Brisbane Australia/Lindeman;" +
  "NZ||New Zealand Standard Time|New Zealand Daylight Time|New Zealand Time|Pacific/Auckland;" +
  "MSK||Moscow Standard Time|Moscow Summer Time|Moscow Time|Europe/Moscow Europe/Simferopol Europe/Kirov Europe/Volgograd Europe/Minsk;" +
  "BR||Brasilia Standard Time|Brasilia Summer Time||America/Sao_Paulo America/Bahia America/Fortaleza America/Recife America/Belem America/Maceio America/Araguaina America/Santarem;" +
  "AR||Argentina Standard Time|Argentina Summer Time||America/Buenos_Aires America/Argentina/Buenos_Aires America/Cordoba America/Argentina/Cordoba;" +
  "GST||Gulf Standard Time|||Asia/Dubai Asia/Muscat;" +
  "AST||Arabian Standard Time|||Asia/Riyadh Asia/Baghdad Asia/Kuwait Asia/Qatar Asia/Bahrain Asia/Aden;" +
  "SG||Singapore Standard Time|||Asia/Singapore;" +
  "HK||Hong Kong Standard Time|||Asia/Hong_Kong;" +
  "KR||Korean Standard Time|||Asia/Seoul;" +
  "IC||Indochina Time|||Asia/Bangkok Asia/Ho_Chi_Minh Asia/Saigon Asia/Phnom_Penh Asia/Vientiane;" +
  "WIB||Western Indonesia Time|||Asia/Jakarta Asia/Pontianak;" +
  "IL||Israel Standard Time|Israel Daylight Time|Israel Time|Asia/Jerusalem;" +
  "TR||Türkiye Standard Time|||Europe/Istanbul;" +
  "EAT||East Africa Time|||Africa/Nairobi Africa/Addis_Ababa Africa/Dar_es_Salaam Africa/Kampala Africa/Mogadishu;" +
  "SAST||South Africa Standard Time|||Africa/Johannesburg Africa/Maseru Africa/Mbabane;" +
  "WAT||West Africa Time|||Africa/Lagos Africa/Kinshasa Africa/Luanda Africa/Douala;" +
  "PK||Pakistan Standard Time|||Asia/Karachi;" +
  "PH||Philippine Standard Time|||Asia/Manila;" +
  "CO||Colombia Standard Time|||America/Bogota;" +
  "PE||Peru Standard Time|||America/Lima;" +
  "CL||Chile Standard Time|Chile Summer Time|Chile Time|America/Santiago;" +
  "BD||Bangladesh Standard Time|||Asia/Dhaka;" +
  "IR||Iran Standard Time|||Asia/Tehran;" +
  "NP||Nepal Time|||Asia/Kathmandu Asia/Katmandu;" +
  "VE||Venezuela Time|||America/Caracas;" +
  "IE||Greenwich Mean Time|Irish Standard Time|Ireland Time|Europe/Dublin;" +
  "NL||Newfoundland Standard Time|Newfoundland Daylight Time|Newfoundland Time|America/St_Johns;" +
  "AW||Australian Western Standard Time|||Australia/Perth;" +
  "AC||Australian Central Standard Time|Australian Central Daylight Time|Australian Central Time|Australia/Adelaide Australia/Darwin Australia/Broken_Hill";

/** ICU's root order of the printable ASCII characters that are not letters. */
export const ASCII_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789";
