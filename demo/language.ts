/**
 * The demo's language picker (issue #16): English, Español, العربية. The
 * choice sets `<ck-provider locale>` (the kit's language, money and dates),
 * the page's `<html lang>` and, for Arabic, `dir="rtl"`; it is remembered in
 * localStorage. The host's own chrome (the header and the navigation) is
 * translated here too; the kit translates itself.
 */

export interface DemoLanguage {
  /** The locale handed to `<ck-provider>` (money in US dollars as the locale writes them). */
  readonly locale: string;
  /** The page's language and direction. */
  readonly lang: string;
  readonly dir: "ltr" | "rtl";
  /** The language's own name, in the picker. */
  readonly name: string;
}

export const LANGUAGES: readonly DemoLanguage[] = [
  { locale: "en-US", lang: "en", dir: "ltr", name: "English" },
  { locale: "es-US", lang: "es", dir: "ltr", name: "Español" },
  { locale: "ar", lang: "ar", dir: "rtl", name: "العربية" },
];

const KEY = "creditkit-demo:locale";

/** The host's chrome, by `data-text` key: Spanish and Arabic (English is the markup's own). */
const CHROME: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  es: {
    skip: "Saltar al contenido",
    tagline: " · un sitio anfitrión que integra creditkit",
    language: "Idioma",
    reset: "Restablecer datos de demostración",
    "sign-out": "Cerrar sesión",
    sections: "Secciones de la demostración",
    admin: "Administración",
    members: "Miembros",
    pos: "Punto de venta",
    "mass-credit": "Crédito masivo",
    batch: "Cobro por lotes",
    transactions: "Transacciones",
    settings: "Configuración",
    portal: "Portal de miembros",
    dismiss: "Descartar",
    "dismiss-label": "Descartar mensaje",
  },
  ar: {
    skip: "انتقل إلى المحتوى",
    tagline: " · موقع مضيف يدمج creditkit",
    language: "اللغة",
    reset: "إعادة تعيين بيانات العرض",
    "sign-out": "تسجيل الخروج",
    sections: "أقسام العرض",
    admin: "الإدارة",
    members: "الأعضاء",
    pos: "نقطة البيع",
    "mass-credit": "رصيد جماعي",
    batch: "تحصيل دفعة واحدة",
    transactions: "المعاملات",
    settings: "الإعدادات",
    portal: "بوابة الأعضاء",
    dismiss: "إغلاق",
    "dismiss-label": "إغلاق الرسالة",
  },
};

/** The demo pages' own words (titles, leads, the elements' headings the host gives), by their English. */
const PAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  es: {
    Members: "Miembros",
    "Every family account with its Amount Due (red when owed) and Account Credit (blue when available). Filter, sort, and open an account.":
      "Cada cuenta familiar con su importe adeudado (en rojo si se debe) y su crédito en cuenta (en azul si está disponible). Filtre, ordene y abra una cuenta.",
    "Open account": "Abrir cuenta",
    "Take a payment": "Cobrar un pago",
    "← All members": "← Todos los miembros",
    "See this account in the member portal": "Ver esta cuenta en el portal de miembros",
    "This account's transactions": "Transacciones de esta cuenta",
    Sale: "Venta",
    "Nothing rung up yet.": "Todavía no se ha registrado nada.",
    Customer: "Cliente",
    Items: "Artículos",
    "Clear the sale": "Vaciar la venta",
    "Point of sale": "Punto de venta",
    "Pick a customer, ring up items, and take payment. The account's credit is applied by default; an unpaid rest can go on the account with Charge to Account.":
      "Elija un cliente, registre artículos y cobre. El crédito de la cuenta se aplica de forma predeterminada; un resto sin pagar puede cargarse a la cuenta.",
    "Customer and items": "Cliente y artículos",
    "This sale": "Esta venta",
    "Issue a mass credit": "Emitir un crédito masivo",
    "Mass credit": "Crédito masivo",
    "Credit many families, students or enrollments at once — for a closed pool, a holiday or goodwill. Answer the questions, preview, review, process.":
      "Acredite a muchas familias, estudiantes o inscripciones a la vez: por una piscina cerrada, un feriado o como cortesía. Responda las preguntas, obtenga una vista previa, revise y procese.",
    "Collect unpaid fees by card on file": "Cobrar los cargos pendientes con la tarjeta registrada",
    "Batch collection": "Cobro por lotes",
    "Charge every unpaid fee to the card on file, using Account Credit first when the option is on. Each invoice is paid in full or not at all; a re-run charges nothing twice.":
      "Cobre cada cargo pendiente a la tarjeta registrada, usando primero el crédito en cuenta si la opción está activada. Cada factura se paga completa o no se paga; repetir el cobro no cobra nada dos veces.",
    Transactions: "Transacciones",
    "Every ledger line with its filters, the grants each Payment (AC) used, and the payment summary by payment type.":
      "Cada línea del libro mayor con sus filtros, los otorgamientos que usó cada Pago (AC) y el resumen de pagos por tipo de pago.",
    "Transactions and payment summary": "Transacciones y resumen de pagos",
    "Sign in": "Iniciar sesión",
    Family: "Familia",
    "Sign in as": "Iniciar sesión como",
    Preview: "Vista previa",
    "Member portal": "Portal de miembros",
    "Preview what a family sees, as the admin. To be a family yourself, sign in as one in another tab: each tab signs in on its own.":
      "Vea, como administrador, lo que ve una familia. Para ser una familia, inicie sesión como ella en otra pestaña: cada pestaña inicia sesión por separado.",
    "Preview a family's portal": "Vista previa del portal de una familia",
    "Open the sign-in page in a new tab": "Abrir la página de inicio de sesión en una pestaña nueva",
    "What a family sees when it signs in to the club's site. The demo has no passwords: pick a family.":
      "Lo que ve una familia al iniciar sesión en el sitio del club. La demostración no tiene contraseñas: elija una familia.",
    "Pay my fees": "Pagar mis cargos",
    "My transactions": "Mis transacciones",
    "Welcome, {name}": "Bienvenido/a, {name}",
    "Your balance, your payments and credits, and paying your fees — with your Account Credit first.":
      "Su saldo, sus pagos y créditos, y el pago de sus cargos, con su crédito en cuenta primero.",
    "A preview as the admin. To be this family, ": "Una vista previa como administrador. Para ser esta familia, ",
    "sign in as it in a new tab": "inicie sesión como ella en una pestaña nueva",
    "Switch family": "Cambiar de familia",
    "Admin view of this account": "Vista de administrador de esta cuenta",
    "Preview a family": "Vista previa de una familia",
    "My account": "Mi cuenta",
    "Shared ledger · signed in as {who}": "Libro mayor compartido · sesión iniciada como {who}",
    "{name} (family)": "{name} (familia)",
    "Shared ledger on the creditkit server": "Libro mayor compartido en el servidor de creditkit",
    "Data lives in this browser (IndexedDB)": "Los datos viven en este navegador (IndexedDB)",
    "The club's admin": "El administrador del club",
    "Members, point of sale, mass credits, batch collection, transactions and settings.":
      "Miembros, punto de venta, créditos masivos, cobro por lotes, transacciones y configuración.",
    "A family": "Una familia",
    "The member portal of one family: its balance, its transactions, and paying with its credit.":
      "El portal de miembros de una familia: su saldo, sus transacciones y el pago con su crédito.",
    "Choose a family…": "Elija una familia…",
    "Choose a family to sign in as.": "Elija la familia con la que iniciar sesión.",
    "A development sign-in: no passwords. Each browser tab signs in on its own, so you can be the admin in one window and a family in another, and watch a change made in one appear in the other.":
      "Un inicio de sesión de desarrollo, sin contraseñas. Cada pestaña inicia sesión por separado: puede ser el administrador en una ventana y una familia en otra, y ver cómo un cambio hecho en una aparece en la otra.",
    "This tab is signed in as {name}. Signing in again replaces that, in this tab only.":
      "Esta pestaña tiene la sesión iniciada como {name}. Iniciar sesión de nuevo la reemplaza, solo en esta pestaña.",
    "Who are you?": "¿Quién es usted?",
    "{count} families. Type to jump to a name.": "{count} familias. Escriba para saltar a un nombre.",
    "Auto Apply Account Credit to Unpaid Fees": "Aplicar automáticamente el crédito en cuenta a los cargos pendientes",
    "When on, credit is applied to unpaid fees (oldest due date first) whenever a fee or a credit is posted. The demo starts with it off, so an issued credit stays visible until a member uses it.":
      "Si está activado, el crédito se aplica a los cargos pendientes (primero la fecha de vencimiento más antigua) cada vez que se registra un cargo o un crédito. La demostración empieza con esta opción desactivada, para que un crédito emitido siga visible hasta que un miembro lo use.",
    "Overpayment to credit": "Sobrepago a crédito",
    "Let a non-cash payment larger than what is due put the rest on the account as credit.":
      "Permite que un pago no en efectivo mayor que lo adeudado deje el resto en la cuenta como crédito.",
    "Partial payments in the member portal": "Pagos parciales en el portal de miembros",
    "Let members pay part of what they owe.": "Permite que los miembros paguen una parte de lo que deben.",
    Settings: "Configuración",
    "How credit moves for the whole organisation. Changes are saved at once and every element follows them.":
      "Cómo se mueve el crédito en toda la organización. Los cambios se guardan al instante y todos los elementos los siguen.",
    "Account credit": "Crédito en cuenta",
    "Demo data": "Datos de demostración",
    "This ledger is shared by every browser signed in to the creditkit server. To start afresh, stop the server and run ":
      "Este libro mayor lo comparten todos los navegadores con sesión iniciada en el servidor de creditkit. Para empezar de cero, detenga el servidor y ejecute ",
    " (it deletes the data folder and seeds new data).": " (borra la carpeta de datos y genera datos nuevos).",
    "Download a backup (JSON)": "Descargar una copia de seguridad (JSON)",
    "Backup file": "Archivo de copia de seguridad",
    "Restore a backup…": "Restaurar una copia de seguridad…",
    "Reset demo data": "Restablecer datos de demostración",
    "1 account": "1 cuenta",
    "{n} accounts": "{n} cuentas",
    "Apply existing credit now?": "¿Aplicar ahora el crédito existente?",
    "{accounts} holds both an amount due and account credit; applying it now would use {amount} of credit.":
      "{accounts} tiene a la vez un importe adeudado y crédito en cuenta; aplicarlo ahora usaría {amount} de crédito.",
    "{accounts} hold both an amount due and account credit; applying it now would use {amount} of credit.":
      "{accounts} tienen a la vez un importe adeudado y crédito en cuenta; aplicarlo ahora usaría {amount} de crédito.",
    "Each account's credit goes to its unpaid fees, oldest due date first, as auto-apply does. Not now leaves them as they are until a fee or a credit is next posted to them.":
      "El crédito de cada cuenta va a sus cargos pendientes, primero la fecha de vencimiento más antigua, como hace la aplicación automática. «Ahora no» las deja como están hasta que se registre en ellas el próximo cargo o crédito.",
    "Apply now": "Aplicar ahora",
    "Not now": "Ahora no",
    "Applying existing credit": "Aplicando el crédito existente",
    "Applying {amount} of credit to {accounts}.": "Aplicando {amount} de crédito a {accounts}.",
    "{done} of {accounts} done.": "{done} de {accounts} listas.",
    "Not applied: {reason}": "No se aplicó: {reason}",
    "Existing credit applied": "Crédito existente aplicado",
    "Existing credit partly applied": "Crédito existente aplicado en parte",
    "Done: credit applied to {accounts}, {used} of credit used.": "Listo: crédito aplicado a {accounts}; se usaron {used} de crédito.",
    "Credit applied to {accounts}, {used} of credit used. {failed} not changed:":
      "Crédito aplicado a {accounts}; se usaron {used} de crédito. {failed} sin cambios:",
    "Try again": "Reintentar",
    "Not tried again: {reason}": "No se reintentó: {reason}",
    Close: "Cerrar",
    "{who}: this payment was already recorded; nothing was recorded twice.":
      "{who}: este pago ya estaba registrado; no se registró nada dos veces.",
    "{who}: payment recorded, {amount} of Account Credit applied.": "{who}: pago registrado; se aplicaron {amount} de crédito en cuenta.",
    "{who}: payment recorded.": "{who}: pago registrado.",
    "{item} added to the sale.": "{item} agregado a la venta.",
    "The sale": "La venta",
    "Thank you": "Gracias",
    "Issued — see it where members see it": "Emitido: véalo donde lo ven los miembros",
    "{count} credits, {total} in all. Open a credited family in the member portal:":
      "{count} créditos, {total} en total. Abra una familia acreditada en el portal de miembros:",
    "Batch finished: {paid} invoices paid, {declined} declined.": "Lote terminado: {paid} facturas pagadas, {declined} rechazadas.",
    "Download the whole ledger and its mass-credit runs as JSON, restore such a backup (it replaces everything here), or start afresh with newly generated data.":
      "Descargue todo el libro mayor y sus créditos masivos como JSON, restaure una copia así (reemplaza todo lo que hay aquí) o empiece de cero con datos generados de nuevo.",
  },
  ar: {
    Members: "الأعضاء",
    "Every family account with its Amount Due (red when owed) and Account Credit (blue when available). Filter, sort, and open an account.":
      "كل حساب عائلي مع المبلغ المستحق (بالأحمر عند وجود دين) ورصيد الحساب (بالأزرق عند توفره). صفِّ ورتِّب وافتح حسابًا.",
    "Open account": "فتح الحساب",
    "Take a payment": "تحصيل دفعة",
    "← All members": "→ كل الأعضاء",
    "See this account in the member portal": "عرض هذا الحساب في بوابة الأعضاء",
    "This account's transactions": "معاملات هذا الحساب",
    Sale: "البيع",
    "Nothing rung up yet.": "لم يُسجَّل شيء بعد.",
    Customer: "العميل",
    Items: "الأصناف",
    "Clear the sale": "إفراغ البيع",
    "Point of sale": "نقطة البيع",
    "Pick a customer, ring up items, and take payment. The account's credit is applied by default; an unpaid rest can go on the account with Charge to Account.":
      "اختر عميلًا وسجِّل الأصناف وحصِّل الدفعة. يُطبَّق رصيد الحساب افتراضيًا، ويمكن تحميل الباقي غير المدفوع على الحساب.",
    "Customer and items": "العميل والأصناف",
    "This sale": "هذا البيع",
    "Issue a mass credit": "إصدار رصيد جماعي",
    "Mass credit": "رصيد جماعي",
    "Credit many families, students or enrollments at once — for a closed pool, a holiday or goodwill. Answer the questions, preview, review, process.":
      "امنح رصيدًا لعائلات أو طلاب أو تسجيلات كثيرة دفعة واحدة: لمسبح مغلق أو عطلة أو على سبيل المجاملة. أجب عن الأسئلة، ثم عاين وراجع ونفِّذ.",
    "Collect unpaid fees by card on file": "تحصيل الرسوم غير المدفوعة بالبطاقة المحفوظة",
    "Batch collection": "تحصيل دفعة واحدة",
    "Charge every unpaid fee to the card on file, using Account Credit first when the option is on. Each invoice is paid in full or not at all; a re-run charges nothing twice.":
      "حمِّل كل رسم غير مدفوع على البطاقة المحفوظة، مستخدمًا رصيد الحساب أولًا عند تفعيل الخيار. تُدفع كل فاتورة كاملة أو لا تُدفع؛ وإعادة التشغيل لا تحصِّل شيئًا مرتين.",
    Transactions: "المعاملات",
    "Every ledger line with its filters, the grants each Payment (AC) used, and the payment summary by payment type.":
      "كل أسطر دفتر الأستاذ مع عوامل التصفية، والمنح التي استخدمتها كل دفعة (AC)، وملخص المدفوعات حسب نوع الدفع.",
    "Transactions and payment summary": "المعاملات وملخص المدفوعات",
    "Sign in": "تسجيل الدخول",
    Family: "العائلة",
    "Sign in as": "تسجيل الدخول باسم",
    Preview: "معاينة",
    "Member portal": "بوابة الأعضاء",
    "Preview what a family sees, as the admin. To be a family yourself, sign in as one in another tab: each tab signs in on its own.":
      "عاين ما تراه العائلة بصفتك المسؤول. لتكون عائلة بنفسك، سجِّل الدخول باسمها في علامة تبويب أخرى: كل علامة تبويب تسجِّل الدخول مستقلةً.",
    "Preview a family's portal": "معاينة بوابة عائلة",
    "Open the sign-in page in a new tab": "فتح صفحة تسجيل الدخول في علامة تبويب جديدة",
    "What a family sees when it signs in to the club's site. The demo has no passwords: pick a family.":
      "ما تراه العائلة عند تسجيل الدخول إلى موقع النادي. لا كلمات مرور في العرض: اختر عائلة.",
    "Pay my fees": "دفع رسومي",
    "My transactions": "معاملاتي",
    "Welcome, {name}": "مرحبًا، {name}",
    "Your balance, your payments and credits, and paying your fees — with your Account Credit first.":
      "رصيدك ومدفوعاتك وأرصدتك، ودفع رسومك، مع استخدام رصيد حسابك أولًا.",
    "A preview as the admin. To be this family, ": "معاينة بصفتك المسؤول. لتكون هذه العائلة، ",
    "sign in as it in a new tab": "سجِّل الدخول باسمها في علامة تبويب جديدة",
    "Switch family": "تبديل العائلة",
    "Admin view of this account": "عرض المسؤول لهذا الحساب",
    "Preview a family": "معاينة عائلة",
    "My account": "حسابي",
    "Shared ledger · signed in as {who}": "دفتر أستاذ مشترك · مسجَّل الدخول باسم {who}",
    "{name} (family)": "{name} (عائلة)",
    "Shared ledger on the creditkit server": "دفتر أستاذ مشترك على خادم creditkit",
    "Data lives in this browser (IndexedDB)": "البيانات محفوظة في هذا المتصفح (IndexedDB)",
    "The club's admin": "مسؤول النادي",
    "Members, point of sale, mass credits, batch collection, transactions and settings.":
      "الأعضاء ونقطة البيع والأرصدة الجماعية والتحصيل دفعة واحدة والمعاملات والإعدادات.",
    "A family": "عائلة",
    "The member portal of one family: its balance, its transactions, and paying with its credit.":
      "بوابة الأعضاء لعائلة واحدة: رصيدها ومعاملاتها والدفع من رصيدها.",
    "Choose a family…": "اختر عائلة…",
    "Choose a family to sign in as.": "اختر عائلة لتسجيل الدخول باسمها.",
    "A development sign-in: no passwords. Each browser tab signs in on its own, so you can be the admin in one window and a family in another, and watch a change made in one appear in the other.":
      "تسجيل دخول للتطوير بلا كلمات مرور. كل علامة تبويب تسجِّل الدخول مستقلةً، فيمكنك أن تكون المسؤول في نافذة وعائلة في أخرى، وترى التغيير الذي تجريه في إحداهما يظهر في الأخرى.",
    "This tab is signed in as {name}. Signing in again replaces that, in this tab only.":
      "علامة التبويب هذه مسجَّلة الدخول باسم {name}. تسجيل الدخول من جديد يستبدل ذلك، في علامة التبويب هذه فقط.",
    "Who are you?": "من أنت؟",
    "{count} families. Type to jump to a name.": "عدد العائلات: {count}. اكتب للانتقال إلى اسم.",
    "Auto Apply Account Credit to Unpaid Fees": "تطبيق رصيد الحساب تلقائيًا على الرسوم غير المدفوعة",
    "When on, credit is applied to unpaid fees (oldest due date first) whenever a fee or a credit is posted. The demo starts with it off, so an issued credit stays visible until a member uses it.":
      "عند التفعيل، يُطبَّق الرصيد على الرسوم غير المدفوعة (الأقدم استحقاقًا أولًا) كلما سُجِّلت رسوم أو رصيد. يبدأ العرض والخيار معطَّل، فيبقى الرصيد الصادر ظاهرًا حتى يستخدمه العضو.",
    "Overpayment to credit": "الدفع الزائد إلى رصيد",
    "Let a non-cash payment larger than what is due put the rest on the account as credit.":
      "يسمح لدفعة غير نقدية تزيد على المستحق بإضافة الباقي إلى الحساب رصيدًا.",
    "Partial payments in the member portal": "الدفعات الجزئية في بوابة الأعضاء",
    "Let members pay part of what they owe.": "يسمح للأعضاء بدفع جزء مما عليهم.",
    Settings: "الإعدادات",
    "How credit moves for the whole organisation. Changes are saved at once and every element follows them.":
      "كيف يتحرك الرصيد في المؤسسة كلها. تُحفظ التغييرات فورًا وتتبعها كل العناصر.",
    "Account credit": "رصيد الحساب",
    "Demo data": "بيانات العرض",
    "This ledger is shared by every browser signed in to the creditkit server. To start afresh, stop the server and run ":
      "يتشارك دفتر الأستاذ هذا كل متصفح مسجَّل الدخول إلى خادم creditkit. للبدء من جديد، أوقف الخادم وشغِّل ",
    " (it deletes the data folder and seeds new data).": " (يحذف مجلد البيانات وينشئ بيانات جديدة).",
    "Download a backup (JSON)": "تنزيل نسخة احتياطية (JSON)",
    "Backup file": "ملف النسخة الاحتياطية",
    "Restore a backup…": "استعادة نسخة احتياطية…",
    "Reset demo data": "إعادة تعيين بيانات العرض",
    "1 account": "حساب واحد",
    "{n} accounts": "{n} من الحسابات",
    "Apply existing credit now?": "هل تريد تطبيق الرصيد الموجود الآن؟",
    "{accounts} holds both an amount due and account credit; applying it now would use {amount} of credit.":
      "{accounts} لديه مبلغ مستحق ورصيد حساب معًا؛ تطبيقه الآن سيستخدم {amount} من الرصيد.",
    "{accounts} hold both an amount due and account credit; applying it now would use {amount} of credit.":
      "{accounts} لديها مبلغ مستحق ورصيد حساب معًا؛ تطبيقه الآن سيستخدم {amount} من الرصيد.",
    "Each account's credit goes to its unpaid fees, oldest due date first, as auto-apply does. Not now leaves them as they are until a fee or a credit is next posted to them.":
      "يذهب رصيد كل حساب إلى رسومه غير المدفوعة، الأقدم استحقاقًا أولًا، كما يفعل التطبيق التلقائي. «ليس الآن» يتركها كما هي حتى تُسجَّل عليها رسوم أو رصيد في المرة القادمة.",
    "Apply now": "تطبيق الآن",
    "Not now": "ليس الآن",
    "Applying existing credit": "جارٍ تطبيق الرصيد الموجود",
    "Applying {amount} of credit to {accounts}.": "جارٍ تطبيق {amount} من الرصيد على {accounts}.",
    "{done} of {accounts} done.": "اكتمل {done} من {accounts}.",
    "Not applied: {reason}": "لم يُطبَّق: {reason}",
    "Existing credit applied": "طُبِّق الرصيد الموجود",
    "Existing credit partly applied": "طُبِّق الرصيد الموجود جزئيًا",
    "Done: credit applied to {accounts}, {used} of credit used.": "تم: طُبِّق الرصيد على {accounts}، واستُخدم {used} من الرصيد.",
    "Credit applied to {accounts}, {used} of credit used. {failed} not changed:":
      "طُبِّق الرصيد على {accounts}، واستُخدم {used} من الرصيد. لم يتغير {failed}:",
    "Try again": "إعادة المحاولة",
    "Not tried again: {reason}": "لم تُعَد المحاولة: {reason}",
    Close: "إغلاق",
    "{who}: this payment was already recorded; nothing was recorded twice.": "{who}: سبق تسجيل هذه الدفعة؛ لم يُسجَّل شيء مرتين.",
    "{who}: payment recorded, {amount} of Account Credit applied.": "{who}: سُجِّلت الدفعة، وطُبِّق {amount} من رصيد الحساب.",
    "{who}: payment recorded.": "{who}: سُجِّلت الدفعة.",
    "{item} added to the sale.": "أُضيف {item} إلى البيع.",
    "The sale": "البيع",
    "Thank you": "شكرًا لك",
    "Issued — see it where members see it": "صدر: شاهده حيث يراه الأعضاء",
    "{count} credits, {total} in all. Open a credited family in the member portal:":
      "عدد الأرصدة: {count}، بإجمالي {total}. افتح عائلة حصلت على رصيد في بوابة الأعضاء:",
    "Batch finished: {paid} invoices paid, {declined} declined.": "انتهت الدفعة: الفواتير المدفوعة {paid}، والمرفوضة {declined}.",
    "Download the whole ledger and its mass-credit runs as JSON, restore such a backup (it replaces everything here), or start afresh with newly generated data.":
      "نزِّل دفتر الأستاذ كاملًا مع عمليات الرصيد الجماعي بصيغة JSON، أو استعد نسخة كهذه (تستبدل كل ما هنا)، أو ابدأ من جديد ببيانات مولَّدة حديثًا.",
  },
};

/** The demo's own words in the page's language: `t("Welcome, {name}", { name })`; English when there is no translation. */
export function t(english: string, values: Readonly<Record<string, string>> = {}): string {
  const lang = typeof document === "undefined" ? "en" : document.documentElement.lang;
  const text = PAGES[lang]?.[english] ?? english;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** English, as the markup says it (read once, before any translation). */
const english = new Map<Element, { text?: string; label?: string }>();

/** The stored choice, else English. */
export function savedLanguage(): DemoLanguage {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    stored = null;
  }
  const wanted = stored ?? "en-US";
  return LANGUAGES.find((l) => l.locale === wanted) ?? (LANGUAGES[0] as DemoLanguage);
}

/** Puts the page in `language`: the provider's locale, `<html lang dir>`, the host's chrome. */
export function applyLanguage(language: DemoLanguage, provider: HTMLElement & { locale?: string | undefined }): void {
  provider.locale = language.locale;
  document.documentElement.lang = language.lang;
  document.documentElement.dir = language.dir;
  const words = CHROME[language.lang];
  for (const el of document.querySelectorAll<HTMLElement>("[data-text], [data-label]")) {
    if (!english.has(el)) english.set(el, { text: el.textContent ?? "", label: el.getAttribute("aria-label") ?? undefined });
    const own = english.get(el);
    const textKey = el.dataset.text;
    const labelKey = el.dataset.label;
    if (textKey) el.textContent = words?.[textKey] ?? own?.text ?? "";
    if (labelKey) {
      const label = words?.[labelKey] ?? own?.label;
      if (label) el.setAttribute("aria-label", label);
    }
  }
}

/** Wires the header's picker: shows the saved language, applies it, and applies and remembers each new choice (then `changed`: the host re-renders its page). */
export function startLanguagePicker(
  select: HTMLSelectElement,
  provider: HTMLElement & { locale?: string | undefined },
  changed: () => void = () => undefined,
): void {
  select.replaceChildren(
    ...LANGUAGES.map((l) => {
      const option = document.createElement("option");
      option.value = l.locale;
      option.lang = l.lang;
      option.textContent = l.name;
      return option;
    }),
  );
  const current = savedLanguage();
  select.value = current.locale;
  applyLanguage(current, provider);
  select.addEventListener("change", () => {
    const chosen = LANGUAGES.find((l) => l.locale === select.value) ?? current;
    try {
      localStorage.setItem(KEY, chosen.locale);
    } catch {
      // A browser that keeps nothing still switches for this visit.
    }
    applyLanguage(chosen, provider);
    changed();
  });
}
