#!/usr/bin/env python3
"""Regenerates the WooCommerce fixtures in this folder, byte for byte: `python3 Fixtures/woocommerce/generate.py`.

Invented data for the store "Acme Prints" (names and addresses belong to nobody; e-mail addresses use example.com,
URLs example.com hosts). Product UIDs are those of Fixtures/catalog.csv. Tests/IntakeFormatsTests/WooCommerceTests.swift
pins rows of these files: re-check it after a change here.

- products_connected_de.csv: WooCommerce's product exporter on a German site (translated header, UTF-8 BOM, PHP
  fputcsv quoting, decimal-comma prices, literal \\n in descriptions, ' before a leading =), plus the connection
  columns `Product UID` and `Design file URL`.
- products_export_fr.csv: the same exporter on a French site, no connection columns.
- orders_line_items.csv: WebToffee "Order Export & Import" (one row per order, line_item_N cells).
- orders_per_item.csv: SkyVerge "Customer/Order/Coupon Export", "Default - One Row per Item".
- orders_custom_plugin.csv: AlgolPlus "Advanced Order Export" with user-chosen labels (BOM, CRLF, order fields on an
  order's first row only): needs a store `columns:` mapping.
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

TEE = "apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_{size}_gco_{color}_gpr_4-0"
HOODIE = "apparel_product_gca_hoodie_gsc_pullover_gcu_unisex_gqa_heavy_gsi_{size}_gco_{color}_gpr_4-0"
POSTER_A4 = "flat_product_pf_a4_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
POSTER_A3 = "flat_product_pf_a3_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
POSTER_30X40 = "flat_product_pf_300x400-mm-12x16-inch_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
MUG_11 = "mug_product_msz_11-oz_mmat_ceramic-white_cl_4-0"
MUG_15 = "mug_product_msz_15-oz_mmat_ceramic-white_cl_4-0"
FILES = "https://files.example.com/acme-prints/"


def php_field(value):
    """A cell as PHP's fputcsv writes it: quoted when it holds the delimiter, a quote, a space, tab, CR, LF or \\."""
    value = str(value)
    if any(c in value for c in ',"\n\r\t \\'):
        return '"' + value.replace('"', '""') + '"'
    return value


def php_csv(rows, newline="\n"):
    return "".join(",".join(php_field(c) for c in row) + newline for row in rows)


def write(name, text, bom=False):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def table(header, rows):
    """Rows given as dicts (header name -> value) in header order; unknown names are an error."""
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, unknown
    return [header] + [[row.get(h, "") for h in header] for row in rows]


# ---------------------------------------------------------------------------------------------------------------
# Products, German site (de_DE). Columns as the exporter writes them for a store with GTIN and low-stock fields, two
# attributes; the two connection columns appended by the operator.

DE_HEADER = [
    "ID", "Typ", "Artikelnummer", "GTIN, UPC, EAN oder ISBN", "Name", "Veröffentlicht", "Ist hervorgehoben?",
    "Sichtbarkeit im Katalog", "Kurzbeschreibung", "Beschreibung", "Datum, an dem Angebotspreis beginnt",
    "Datum, an dem Angebotspreis endet", "Steuerstatus", "Steuerklasse", "Vorrätig?", "Lager", "Geringe Lagermenge",
    "Lieferrückstande erlaubt?", "Nur einzeln verkaufen?", "Gewicht (kg)", "Länge (cm)", "Breite (cm)", "Höhe (cm)",
    "Kundenbewertungen erlauben?", "Hinweis zum Kauf", "Angebotspreis", "Regulärer Preis", "Kategorien",
    "Schlagwörter", "Versandklasse", "Bilder", "Downloadlimit", "Ablauftage des Downloads", "Übergeordnetes Produkt",
    "Gruppierte Produkte", "Zusatzverkäufe", "Cross-Sells", "Externe URL", "Button-Text", "Position",
    "Name des Merkmals 1", "Wert(e) des Merkmals 1", "Merkmal 1 sichtbar", "Merkmal 1 global",
    "Name des Merkmals 2", "Wert(e) des Merkmals 2", "Merkmal 2 sichtbar", "Merkmal 2 global",
    "Product UID", "Design file URL",
]


def de_product(id, typ, sku, name, price="", parent="", a1=("", ""), a2=("", ""), published="1", uid="", design="",
               **extra):
    row = {
        "ID": id, "Typ": typ, "Artikelnummer": sku, "Name": name, "Veröffentlicht": published,
        "Ist hervorgehoben?": "0", "Sichtbarkeit im Katalog": "visible", "Steuerstatus": "taxable",
        "Vorrätig?": "1", "Lieferrückstande erlaubt?": "0", "Nur einzeln verkaufen?": "0",
        "Kundenbewertungen erlauben?": "0" if typ == "variation" else "1", "Regulärer Preis": price,
        "Übergeordnetes Produkt": parent, "Position": "0",
        "Name des Merkmals 1": a1[0], "Wert(e) des Merkmals 1": a1[1],
        "Name des Merkmals 2": a2[0], "Wert(e) des Merkmals 2": a2[1],
        "Product UID": uid, "Design file URL": design,
    }
    if typ == "variation":
        row["Steuerklasse"] = "parent"
    else:
        for n in ("1", "2"):
            if row[f"Name des Merkmals {n}"]:
                row[f"Merkmal {n} sichtbar"] = "1"
                row[f"Merkmal {n} global"] = "1"
    if typ == "variation":
        for n in ("1", "2"):
            if row[f"Name des Merkmals {n}"]:
                row[f"Merkmal {n} global"] = "1"
    row.update(extra)
    return row


def products_de():
    tee_design = FILES + "bergsee-tee-front.pdf"
    hoodie_design = FILES + "sternenhimmel-hoodie-front.png"
    return [
        # Two variations of the T-shirt come before their parent (ID 205, no SKU, so they name it id:205).
        de_product("201", "variation", "BERGSEE-TEE-S-WEISS", "Bergsee T-Shirt - S, white", "24,90", "id:205",
                   ("Size", "S"), ("Color", "white"), uid=TEE.format(size="s", color="white"), design=tee_design,
                   **{"Gewicht (kg)": "0,18"}),
        de_product("202", "variation", "BERGSEE-TEE-M-SCHWARZ", "Bergsee T-Shirt - M, black", "24,90", "id:205",
                   ("Size", "M"), ("Color", "black"), uid=TEE.format(size="m", color="black"), design=tee_design,
                   **{"Gewicht (kg)": "0,2"}),
        de_product("205", "variable", "", "Bergsee T-Shirt", "", "", ("Size", "S, M, L"), ("Color", "white, black"),
                   **{"Kurzbeschreibung": "Bio-Baumwolle, bedruckt in München.",
                      "Beschreibung": "<p>Unser Bergsee-Motiv.</p>\\n<p>Waschen bei 30 °C.</p>",
                      "Kategorien": "Bekleidung > T-Shirts", "Schlagwörter": "bergsee, sommer"}),
        de_product("206", "variation", "BERGSEE-TEE-L-WEISS", "Bergsee T-Shirt - L, white", "26,90", "id:205",
                   ("Size", "L"), ("Color", "white"), uid=TEE.format(size="l", color="white"), design=tee_design),
        # The hoodie has a SKU: its variations name it by SKU. Color is "any" on the variations (empty value).
        de_product("210", "variable", "STERN-HOODIE", "Sternenhimmel Hoodie", "", "", ("Size", "M, L, XL"),
                   ("Color", "navy"), **{"Kurzbeschreibung": "'=== Bestseller ===", "Kategorien": "Bekleidung > Hoodies"}),
        de_product("211", "variation", "STERN-HOODIE-M", "Sternenhimmel Hoodie - M", "49,00", "STERN-HOODIE",
                   ("Size", "M"), ("Color", ""), uid=HOODIE.format(size="m", color="navy"), design=hoodie_design),
        de_product("212", "variation", "STERN-HOODIE-L", "Sternenhimmel Hoodie - L", "49,00", "STERN-HOODIE",
                   ("Size", "L"), ("Color", ""), uid=HOODIE.format(size="l", color="navy"), design=hoodie_design),
        de_product("213", "variation", "STERN-HOODIE-XL", "Sternenhimmel Hoodie - XL", "52,50", "STERN-HOODIE",
                   ("Size", "XL"), ("Color", ""), uid=HOODIE.format(size="xl", color="navy"), design=hoodie_design),
        de_product("220", "simple", "ALPEN-POSTER-A3", "Alpenpanorama Poster A3", "19,90", a1=("Format", "A3"),
                   uid=POSTER_A3, design=FILES + "alpenpanorama-a3.pdf", **{"Kategorien": "Poster"}),
        de_product("221", "simple", "ALPEN-POSTER-30X40", "Alpenpanorama Poster 30 × 40 cm", "29,90",
                   a1=("Format", "30 x 40 cm"), uid=POSTER_30X40, design=FILES + "alpenpanorama-30x40.pdf",
                   **{"Kategorien": "Poster"}),
        de_product("230", "simple", "BECHER-MORGENROT-11", "Kaffeebecher Morgenrot", "14,50", uid=MUG_11,
                   design=FILES + "morgenrot-becher.png", **{"Kategorien": "Tassen"}),
        # A draft (Veröffentlicht -1): connected, but orders cannot come for it yet.
        de_product("231", "simple", "BECHER-ABENDROT-15", "Kaffeebecher Abendrot", "16,50", published="-1",
                   uid=MUG_15, design=FILES + "abendrot-becher.png", **{"Kategorien": "Tassen"}),
        de_product("240", "simple, downloadable, virtual", "VORLAGE-GRUSSKARTE", "Druckvorlage Grußkarte (Download)",
                   "3,99", **{"Downloadlimit": "-1", "Ablauftage des Downloads": "-1"}),
        de_product("250", "grouped", "ALPEN-SET", "Alpenpanorama Set",
                   **{"Gruppierte Produkte": "ALPEN-POSTER-A3, ALPEN-POSTER-30X40"}),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Products, French site (fr_FR), no connection columns.

FR_HEADER = [
    "ID", "Type", "UGS", "GTIN, UPC, EAN ou ISBN", "Nom", "Publié", "Mis en avant ?", "Visibilité dans le catalogue",
    "Description courte", "Description", "Date de début de promo", "Date de fin de promo", "État de la TVA",
    "Classe de TVA", "En stock ?", "Stock", "Montant de stock faible",
    "Autoriser les commandes de produits en rupture ?", "Vendre individuellement ?", "Poids (kg)", "Longueur (cm)",
    "Largeur (cm)", "Hauteur (cm)", "Autoriser les avis clients ?", "Note de commande", "Tarif promo",
    "Tarif régulier", "Catégories", "Étiquettes", "Classe d’expédition", "Images", "Limite de téléchargement",
    "Jours d’expiration du téléchargement", "Parent", "Groupes de produits", "Produits suggérés", "Ventes croisées",
    "URL externe", "Libellé du bouton", "Position",
    "Nom de l’attribut 1", "Valeur(s) de l’attribut 1", "Attribut 1 visible", "Attribut 1 global",
]


def fr_product(id, typ, sku, name, price="", parent="", attribute=("", ""), published="1", **extra):
    row = {
        "ID": id, "Type": typ, "UGS": sku, "Nom": name, "Publié": published, "Mis en avant ?": "0",
        "Visibilité dans le catalogue": "visible", "État de la TVA": "taxable", "En stock ?": "1",
        "Autoriser les commandes de produits en rupture ?": "0", "Vendre individuellement ?": "0",
        "Autoriser les avis clients ?": "0" if typ == "variation" else "1", "Tarif régulier": price, "Parent": parent,
        "Position": "0", "Nom de l’attribut 1": attribute[0], "Valeur(s) de l’attribut 1": attribute[1],
    }
    if attribute[0]:
        row["Attribut 1 global"] = "1"
        if typ != "variation":
            row["Attribut 1 visible"] = "1"
    row.update(extra)
    return row


def products_fr():
    return [
        fr_product("301", "variable", "AFFICHE-CALANQUES", "Affiche Calanques", attribute=("Format", "A4, A3"),
                   **{"Description courte": "Impression sur papier mat 200 g/m².", "Catégories": "Affiches",
                      "Images": "https://shop.example.com/wp-content/uploads/calanques-1.jpg, "
                                "https://shop.example.com/wp-content/uploads/calanques-2.jpg"}),
        fr_product("302", "variation", "AFFICHE-CALANQUES-A4", "Affiche Calanques - A4", "12,50", "AFFICHE-CALANQUES",
                   ("Format", "A4")),
        fr_product("303", "variation", "AFFICHE-CALANQUES-A3", "Affiche Calanques - A3", "18,00", "AFFICHE-CALANQUES",
                   ("Format", "A3")),
        fr_product("310", "simple", "MUG-LAVANDE", "Mug Lavande", "13,90", **{"Catégories": "Mugs",
                   "Description": "<p>Mug en céramique.</p>\\n<p>Passe au lave-vaisselle.</p>"}),
        # Private (Publié 0) and pending review (Publié 2): not active.
        fr_product("311", "simple", "MUG-MISTRAL", "Mug Mistral", "13,90", published="0", **{"Catégories": "Mugs"}),
        fr_product("312", "simple", "TOTE-PROVENCE", "Tote bag Provence", "15,00", published="2"),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Orders. Addresses across DE, DK, FR, NL, ES, IT, US; the items are products of products_connected_de.csv.

ORDERS = [
    # number, date, email, (first, last, company, street, street 2, postcode, city, state, country, phone),
    # currency, shipping method, [(name, sku, quantity, total)]
    ("5001", "2026-03-02 09:14:51", "lena.hoffmann@example.com",
     ("Lena", "Hoffmann", "", "Hauptstraße 12", "", "80331", "München", "", "DE", "+49 89 1234567"),
     "EUR", "Pauschal", [("Bergsee T-Shirt - S, white", "BERGSEE-TEE-S-WEISS", 2, "49.80"),
                         ("Alpenpanorama Poster A3", "ALPEN-POSTER-A3", 1, "19.90")]),
    ("5002", "2026-03-02 11:02:07", "soren.nielsen@example.com",
     ("Søren", "Nielsen", "", "Nørregade 14", "2. tv.", "8000", "Aarhus C", "", "DK", "+45 86 12 34 56"),
     "DKK", "Flat rate", [("Sternenhimmel Hoodie - L", "STERN-HOODIE-L", 1, "365.00")]),
    ("5003", "2026-03-03 08:45:30", "camille.dubois@example.com",
     ("Camille", "Dubois", "Atelier Lumière", "12 rue des Lilas", "", "69003", "Lyon", "", "FR", "+33 4 72 00 00 00"),
     "EUR", "Colissimo", [("Kaffeebecher Morgenrot", "BECHER-MORGENROT-11", 3, "43.50")]),
    ("5004", "2026-03-03 16:20:11", "daan.devries@example.com",
     ("Daan", "de Vries", "", "Prinsengracht 263", "", "1016 GV", "Amsterdam", "", "NL", ""),
     "EUR", "Express", [("Bergsee T-Shirt - M, black", "BERGSEE-TEE-M-SCHWARZ", 1, "24.90"),
                        ("Alpenpanorama Poster 30 × 40 cm", "ALPEN-POSTER-30X40", 2, "59.80"),
                        ("Sternenhimmel Hoodie - M", "STERN-HOODIE-M", 1, "49.00")]),
    ("5005", "2026-03-04 10:05:44", "lucia.garcia@example.com",
     ("Lucía", "García", "", "Calle Mayor 5", "3º B", "28013", "Madrid", "M", "ES", "+34 910 000 000"),
     "EUR", "Flat rate", [("Alpenpanorama Poster A3", "ALPEN-POSTER-A3", 2, "39.80")]),
    ("5006", "2026-03-04 18:31:02", "giulia.rossi@example.com",
     ("Giulia", "Rossi", "", "Via Roma 10", "", "20121", "Milano", "MI", "IT", "+39 02 0000 0000"),
     "EUR", "Flat rate", [("Sternenhimmel Hoodie - XL", "STERN-HOODIE-XL", 1, "52.50"),
                          ("Kaffeebecher Morgenrot", "BECHER-MORGENROT-11", 1, "14.50")]),
    ("5007", "2026-03-05 02:12:19", "emily.carter@example.com",
     ("Emily", "Carter", "", "42 Elm Street", "Apt 3", "02155", "Medford", "MA", "US", "+1 781-555-0143"),
     "USD", "Express", [("Bergsee T-Shirt - L, white", "BERGSEE-TEE-L-WEISS", 1, "28.90")]),
]

WEBTOFFEE_HEADER = (
    "order_id,order_number,order_date,paid_date,status,shipping_total,shipping_tax_total,fee_total,fee_tax_total,"
    "tax_total,cart_discount,order_discount,discount_total,order_total,order_subtotal,order_currency,payment_method,"
    "payment_method_title,transaction_id,customer_ip_address,customer_user_agent,shipping_method,customer_id,"
    "customer_user,customer_email,billing_first_name,billing_last_name,billing_company,billing_email,billing_phone,"
    "billing_address_1,billing_address_2,billing_postcode,billing_city,billing_state,billing_country,"
    "shipping_first_name,shipping_last_name,shipping_company,shipping_phone,shipping_address_1,shipping_address_2,"
    "shipping_postcode,shipping_city,shipping_state,shipping_country,customer_note,wt_import_key,shipping_items,"
    "fee_items,tax_items,coupon_items,refund_items,order_notes,download_permissions,line_item_1,line_item_2,line_item_3"
).split(",")


def product_ids(sku):
    """(product_id, variation_id) of a SKU of products_connected_de.csv, as WooCommerce stores them on an order item."""
    products = products_de()
    row = next(p for p in products if p["Artikelnummer"] == sku)
    parent = row["Übergeordnetes Produkt"]
    if not parent:
        return row["ID"], "0"
    if parent.startswith("id:"):
        return parent[3:], row["ID"]
    return next(p["ID"] for p in products if p["Artikelnummer"] == parent), row["ID"]


def webtoffee_item(item):
    name, sku, quantity, total = item
    product_id, variation_id = product_ids(sku)
    # An item's name may hold the separators: WebToffee writes them escaped.
    name = name.replace("|", "\\|")
    return (f"name:{name}|product_id:{product_id}|variation_id:{variation_id}|sku:{sku}|quantity:{quantity}"
            f"|total:{total}|sub_total:{total}|tax:0.00|meta:_reduced_stock:{quantity}")


def orders_line_items():
    rows = []
    for n, (number, date, email, a, currency, method, items) in enumerate(ORDERS):
        first, last, company, street, street2, postcode, city, state, country, phone = a
        total = sum(float(i[3]) for i in items)
        row = {
            "order_id": str(4900 + n), "order_number": number, "order_date": date, "paid_date": date,
            "status": "processing", "shipping_total": "4.90", "shipping_tax_total": "0.00", "fee_total": "0.00",
            "fee_tax_total": "0.00", "tax_total": "0.00", "cart_discount": "0.00", "order_discount": "0.00",
            "discount_total": "0.00", "order_total": f"{total + 4.90:.2f}", "order_subtotal": f"{total:.2f}",
            "order_currency": currency, "payment_method": "stripe", "payment_method_title": "Kreditkarte",
            "shipping_method": method, "customer_id": str(31 + n), "customer_user": str(31 + n),
            "customer_email": email, "billing_first_name": first, "billing_last_name": last,
            "billing_company": company, "billing_email": email, "billing_phone": phone, "billing_address_1": street,
            "billing_address_2": street2, "billing_postcode": postcode, "billing_city": city, "billing_state": state,
            "billing_country": country, "shipping_first_name": first, "shipping_last_name": last,
            "shipping_company": company, "shipping_phone": "", "shipping_address_1": street,
            "shipping_address_2": street2, "shipping_postcode": postcode, "shipping_city": city,
            "shipping_state": state, "shipping_country": country,
            "shipping_items": f"items:{items[0][0]} &times; {items[0][2]}|method_id:flat_rate:1|method_title:{method}"
                              f"|total:4.90",
            "order_notes": "Bestellstatus geändert von Ausstehende Zahlung zu In Bearbeitung.",
            "download_permissions": "1",
        }
        for i, item in enumerate(items):
            row[f"line_item_{i + 1}"] = webtoffee_item(item)
        rows.append(row)
    # A Spanish order placed without a separate shipping address: the plugin left the shipping fields blank.
    for key in [k for k in WEBTOFFEE_HEADER if k.startswith("shipping_") and k not in ("shipping_total",
                "shipping_tax_total", "shipping_method", "shipping_items")]:
        rows[4][key] = ""
    # The exporter's spreadsheet guard: a phone starting with + is written '+ (the reader removes the ').
    rows[0]["billing_phone"] = "'" + rows[0]["billing_phone"]
    # An item name with a raw, unescaped | (an older plugin version): read as part of the name.
    rows[5]["line_item_2"] = ("name:Kaffeebecher Morgenrot | Edition 2026|product_id:230|variation_id:0"
                              "|sku:BECHER-MORGENROT-11|quantity:1|total:14.50")
    return table(WEBTOFFEE_HEADER, rows)


SKYVERGE_HEADER = (
    "order_id,order_number,order_number_formatted,order_date,status,shipping_total,shipping_tax_total,fee_total,"
    "fee_tax_total,tax_total,discount_total,order_total,refunded_total,order_currency,payment_method,shipping_method,"
    "customer_id,billing_first_name,billing_last_name,billing_full_name,billing_company,billing_email,billing_phone,"
    "billing_address_1,billing_address_2,billing_postcode,billing_city,billing_state,billing_country,"
    "shipping_first_name,shipping_last_name,shipping_full_name,shipping_address_1,shipping_address_2,"
    "shipping_postcode,shipping_city,shipping_state,shipping_country,shipping_company,customer_note,item_id,"
    "item_product_id,item_name,item_sku,item_quantity,item_subtotal,item_subtotal_tax,item_total,item_total_tax,"
    "item_refunded,item_refunded_qty,item_meta"
).split(",")


def orders_per_item():
    rows = []
    picks = [ORDERS[0], ORDERS[2], ORDERS[6], ORDERS[3]]
    item_id = 801
    for n, (number, date, email, a, currency, method, items) in enumerate(picks):
        first, last, company, street, street2, postcode, city, state, country, phone = a
        number = str(6101 + n)
        total = sum(float(i[3]) for i in items)
        for name, sku, quantity, line_total in items:
            rows.append({
                "order_id": str(6101 + n), "order_number": number, "order_number_formatted": number,
                "order_date": date, "status": "processing", "shipping_total": "4.90", "shipping_tax_total": "0.00",
                "fee_total": "0.00", "fee_tax_total": "0.00", "tax_total": "0.00", "discount_total": "0.00",
                "order_total": f"{total + 4.90:.2f}", "refunded_total": "0.00", "order_currency": currency,
                "payment_method": "paypal", "shipping_method": method, "customer_id": str(41 + n),
                "billing_first_name": first, "billing_last_name": last, "billing_full_name": f"{first} {last}",
                "billing_company": company, "billing_email": email, "billing_phone": phone,
                "billing_address_1": street, "billing_address_2": street2, "billing_postcode": postcode,
                "billing_city": city, "billing_state": state, "billing_country": country,
                "shipping_first_name": first, "shipping_last_name": last, "shipping_full_name": f"{first} {last}",
                "shipping_address_1": street, "shipping_address_2": street2, "shipping_postcode": postcode,
                "shipping_city": city, "shipping_state": state, "shipping_country": country,
                "shipping_company": company, "item_id": str(item_id), "item_product_id": "0", "item_name": name,
                "item_sku": sku, "item_quantity": str(quantity), "item_subtotal": line_total,
                "item_subtotal_tax": "0.00", "item_total": line_total, "item_total_tax": "0.00", "item_refunded": "0.00",
                "item_refunded_qty": "0", "item_meta": "",
            })
            item_id += 1
    return table(SKYVERGE_HEADER, rows)


CUSTOM_HEADER = [
    "Order #", "Order Date", "Status", "Customer E-mail", "Recipient", "Company Name", "Street", "Street 2", "Town",
    "Region", "ZIP", "Country Code", "Telephone", "Currency", "Delivery", "Product", "Product SKU", "Qty Ordered",
    "Line Total",
]

# The store's `columns:` mapping for orders_custom_plugin.csv (also written into Fixtures/README.md).
CUSTOM_MAPPING = {
    "reference": "Order #", "email": "Customer E-mail", "fullName": "Recipient", "company": "Company Name",
    "address1": "Street", "address2": "Street 2", "city": "Town", "state": "Region", "postCode": "ZIP",
    "country": "Country Code", "phone": "Telephone", "currency": "Currency", "shippingMethod": "Delivery",
    "lineName": "Product", "sku": "Product SKU", "quantity": "Qty Ordered",
}


def orders_custom():
    rows = []
    for n, (number, date, email, a, currency, method, items) in enumerate([ORDERS[1], ORDERS[3], ORDERS[5]]):
        first, last, company, street, street2, postcode, city, state, country, phone = a
        for i, (name, sku, quantity, total) in enumerate(items):
            row = {"Order #": f"AC-{7001 + n}", "Product": name, "Product SKU": sku, "Qty Ordered": str(quantity),
                   "Line Total": total.replace(".", ",")}
            if i == 0:
                # "Populate other columns on product rows" is off: order fields on an order's first row only.
                row.update({"Order Date": date[:10], "Status": "Processing", "Customer E-mail": email,
                            "Recipient": f"{first} {last}", "Company Name": company, "Street": street,
                            "Street 2": street2, "Town": city, "Region": state, "ZIP": postcode,
                            "Country Code": country, "Telephone": phone, "Currency": currency, "Delivery": method})
            rows.append(row)
    return table(CUSTOM_HEADER, rows)


def main():
    write("products_connected_de.csv", php_csv(table(DE_HEADER, products_de())), bom=True)
    write("products_export_fr.csv", php_csv(table(FR_HEADER, products_fr())), bom=True)
    write("orders_line_items.csv", php_csv(orders_line_items()))
    write("orders_per_item.csv", php_csv(orders_per_item()))
    write("orders_custom_plugin.csv", php_csv(orders_custom(), newline="\r\n"), bom=True)


if __name__ == "__main__":
    main()
