
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's20f4593e80481831': `Crédito en cuenta`,
's9b3f2960806924e7': `Cargando saldo…`,
'sa78ae49fcfd5ce47': `Importe adeudado`,
    };
  