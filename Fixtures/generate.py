#!/usr/bin/env python3
"""Regenerates the CSV fixtures of the end-to-end and format tests (everything under Fixtures/ except
Fixtures/archives/, which has its own generate.py), byte for byte.

Run from anywhere: `python3 Fixtures/generate.py`. The data is invented for the store "Acme Prints": names and
addresses look real but belong to nobody; e-mail addresses use example.com, URLs example.com hosts.
Every file is small enough to check by eye; Fixtures/README.md says what each one must trigger. The tests pin
exact lines, so after changing a file here, re-check the expectations in Tests/IntakeEndToEndTests/ and
re-record the golden files (INTAKE_RECORD_GOLDEN=1 swift test --filter IntakeEndToEndTests).
"""

import csv
import io
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def path(*parts):
    return os.path.join(HERE, *parts)


def write_bytes(name, data):
    full = path(name)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def csv_text(rows, delimiter=",", newline="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        w.writerow(row)
    return buf.getvalue()


def csv_line(row, delimiter=","):
    return csv_text([row], delimiter=delimiter, newline="")


# ---------------------------------------------------------------------------------------------------------------
# Catalog: the PSP's production catalog.

TEE = "apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_{size}_gco_{color}_gpr_4-0"
HOODIE = "apparel_product_gca_hoodie_gsc_pullover_gcu_unisex_gqa_heavy_gsi_{size}_gco_{color}_gpr_4-0"
POSTER_A3 = "flat_product_pf_a3_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
POSTER_A4 = "flat_product_pf_a4_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
POSTER_A5 = "flat_product_pf_a5_pt_200-gsm-80lb-uncoated_cl_4-0_ver"  # discontinued
POSTER_A2 = "flat_product_pf_a2_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
POSTER_30X40 = "flat_product_pf_300x400-mm-12x16-inch_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
POSTER_50X70 = "flat_product_pf_500x700-mm-20x28-inch_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
POSTER_A3_SILK = "flat_product_pf_a3_pt_170-gsm-65lb-coated-silk_cl_4-0_ver"
MUG_11 = "mug_product_msz_11-oz_mmat_ceramic-white_cl_4-0"
MUG_15 = "mug_product_msz_15-oz_mmat_ceramic-white_cl_4-0"

CATALOG_HEADER = ["Product UID", "Title", "Category", "Status", "Size", "Color", "Format", "Paper"]


def catalog_rows():
    rows = []
    for size in ["s", "m", "l", "xl"]:
        for color in ["white", "black"]:
            rows.append([TEE.format(size=size, color=color), "Unisex Crewneck T-shirt", "apparel", "active",
                         size.upper(), color, "", ""])
    for size in ["m", "l", "xl"]:
        rows.append([HOODIE.format(size=size, color="navy"), "Unisex Pullover Hoodie", "apparel", "active",
                     size.upper(), "navy", "", ""])
    uncoated = "200 gsm uncoated"
    rows += [
        [POSTER_A4, "Poster A4", "wall-art", "active", "", "", "A4", uncoated],
        [POSTER_A3, "Poster A3", "wall-art", "active", "", "", "A3", uncoated],
        [POSTER_A3_SILK, "Poster A3 silk", "wall-art", "active", "", "", "A3", "170 gsm coated silk"],
        [POSTER_A2, "Poster A2", "wall-art", "active", "", "", "A2", uncoated],
        [POSTER_30X40, "Poster 30 x 40 cm", "wall-art", "active", "", "", "30 x 40 cm", uncoated],
        [POSTER_50X70, "Poster 50 x 70 cm", "wall-art", "active", "", "", "50 x 70 cm", uncoated],
        [POSTER_A5, "Poster A5", "wall-art", "discontinued", "", "", "A5", uncoated],
        [MUG_11, "Mug 11 oz", "mugs", "active", "11 oz", "white", "", ""],
        [MUG_15, "Mug 15 oz", "mugs", "active", "15 oz", "white", "", ""],
    ]
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Shopify products (classic 48-column header, as in Shopify's product_template.csv) + the connection columns.

PRODUCT_HEADER = (
    "Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,"
    "Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,"
    "Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,"
    "Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,"
    "Image Alt Text,Gift Card,SEO Title,SEO Description,Google Shopping / Google Product Category,"
    "Google Shopping / Gender,Google Shopping / Age Group,Google Shopping / MPN,Google Shopping / Condition,"
    "Google Shopping / Custom Product,Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,"
    "Included / United States,Price / United States,Compare At Price / United States,Included / International,"
    "Price / International,Compare At Price / International,Status"
).split(",") + ["Product UID", "Design file URL"]
assert len(PRODUCT_HEADER) == 50

CDN = "https://cdn.example.com/s/files/1/0612/acme-prints/products"
DESIGNS = "https://files.example.com/acme-prints/designs"


def product_row(handle, *, first=None, options=(), sku="", grams="", price="", image=None, uid="", design="",
                status=None):
    """One row of a product export. `first` (a dict) carries the product-level fields of a product's first row."""
    r = dict.fromkeys(PRODUCT_HEADER, "")
    r["Handle"] = handle
    if first:
        r.update(first)
        r["Gift Card"] = "FALSE"
        r["Status"] = status or "active"
    for n, (name, value) in enumerate(options, start=1):
        if first:
            r[f"Option{n} Name"] = name
        r[f"Option{n} Value"] = value
    if sku or price:
        r.update({
            "Variant SKU": sku, "Variant Grams": grams, "Variant Inventory Tracker": "",
            "Variant Inventory Qty": "0", "Variant Inventory Policy": "continue",
            "Variant Fulfillment Service": "manual", "Variant Price": price, "Variant Requires Shipping": "TRUE",
            "Variant Taxable": "TRUE", "Variant Weight Unit": "g", "Included / United States": "TRUE",
            "Included / International": "TRUE",
        })
    if image:
        r["Image Src"], r["Image Position"], r["Image Alt Text"] = image
    r["Product UID"] = uid
    r["Design file URL"] = design
    return [r[k] for k in PRODUCT_HEADER]


def first_fields(title, body, category, ptype, tags, published="TRUE", seo=""):
    return {
        "Title": title, "Body (HTML)": body, "Vendor": "Acme Prints", "Product Category": category, "Type": ptype,
        "Tags": tags, "Published": published, "SEO Title": seo,
    }


TEE_CATEGORY = "Apparel & Accessories > Clothing > Clothing Tops > T-Shirts"
HOODIE_CATEGORY = "Apparel & Accessories > Clothing > Activewear > Sweatshirts"
POSTER_CATEGORY = "Home & Garden > Decor > Artwork > Posters, Prints, & Visual Artwork"
MUG_CATEGORY = "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs"


def connected_products():
    tee = "sunset-over-fjord-t-shirt"
    tee_design = f"{DESIGNS}/sunset-over-fjord/front.pdf"
    hoodie = "harbour-lights-hoodie"
    hoodie_design = f"{DESIGNS}/harbour-lights/front.png"
    poster = "alpine-dawn-poster"
    mug = "morning-ritual-mug"
    winter = "winter-market-poster"
    return [
        # Body (HTML) spans two physical lines: record 1 is lines 2-3.
        product_row(tee, first=first_fields(
            "Sunset Over Fjord T-Shirt",
            "<p>A soft crewneck tee with our hand-drawn <strong>Sunset Over Fjord</strong> print.</p>\n"
            "<p>100% organic cotton, printed on demand.</p>",
            TEE_CATEGORY, "T-Shirt", "fjord, nordic, summer", seo="Sunset Over Fjord T-Shirt | Acme Prints"),
            options=[("Size", "M"), ("Color", "White")], sku="ACME-SOF-TEE-M-WHT", grams="180", price="24.00",
            image=(f"{CDN}/sunset-over-fjord-white.jpg?v=1718202121", "1", "Sunset Over Fjord T-Shirt in white"),
            uid=TEE.format(size="m", color="white"), design=tee_design),
        product_row(tee, options=[("Size", "L"), ("Color", "White")], sku="ACME-SOF-TEE-L-WHT", grams="195",
                    price="24.00", uid=TEE.format(size="l", color="white"), design=tee_design),
        product_row(tee, options=[("Size", "XL"), ("Color", "White")], sku="ACME-SOF-TEE-XL-WHT", grams="210",
                    price="26.00", uid=TEE.format(size="xl", color="white"), design=tee_design),
        product_row(tee, options=[("Size", "M"), ("Color", "Black")], sku="ACME-SOF-TEE-M-BLK", grams="180",
                    price="24.00", uid=TEE.format(size="m", color="black"), design=tee_design),
        product_row(tee, options=[("Size", "L"), ("Color", "Black")], sku="ACME-SOF-TEE-L-BLK", grams="195",
                    price="24.00", uid=TEE.format(size="l", color="black"), design=tee_design),
        # Image-only row: no variant.
        product_row(tee, image=(f"{CDN}/sunset-over-fjord-black.jpg?v=1718202121", "2",
                                "Sunset Over Fjord T-Shirt in black")),
        product_row(hoodie, first=first_fields(
            "Harbour Lights Hoodie", "<p>Heavyweight pullover hoodie with the <em>Harbour Lights</em> print.</p>",
            HOODIE_CATEGORY, "Hoodie", "harbour, winter"),
            options=[("Size", "M")], sku="ACME-HBL-HOOD-M", grams="520", price="49.00",
            image=(f"{CDN}/harbour-lights-hoodie.jpg?v=1718202455", "1", "Harbour Lights Hoodie"),
            uid=HOODIE.format(size="m", color="navy"), design=hoodie_design),
        product_row(hoodie, options=[("Size", "L")], sku="ACME-HBL-HOOD-L", grams="560", price="49.00",
                    uid=HOODIE.format(size="l", color="navy"), design=hoodie_design),
        product_row(hoodie, options=[("Size", "XL")], sku="ACME-HBL-HOOD-XL", grams="600", price="52.00",
                    uid=HOODIE.format(size="xl", color="navy"), design=hoodie_design),
        # The option value uses U+00D7, the catalog's Format says "30 x 40 cm": compatible.
        product_row(poster, first=first_fields(
            "Alpine Dawn Poster", "<p>Museum-grade matte poster, printed on 200 gsm uncoated paper.</p>",
            POSTER_CATEGORY, "Poster", "alps, mountains, wall art"),
            options=[("Format", "A3")], sku="ACME-ADP-A3", grams="120", price="19.00",
            image=(f"{CDN}/alpine-dawn-poster.jpg?v=1718203010", "1", "Alpine Dawn Poster"),
            uid=POSTER_A3, design=f"{DESIGNS}/alpine-dawn/a3.pdf"),
        product_row(poster, options=[("Format", "30 × 40 cm")], sku="ACME-ADP-30X40", grams="140", price="24.00",
                    uid=POSTER_30X40, design=f"{DESIGNS}/alpine-dawn/30x40.pdf"),
        # Single-variant product: Option1 Name "Title", value "Default Title".
        product_row(mug, first=first_fields(
            "Morning Ritual Mug", "<p>11 oz white ceramic mug, dishwasher safe.</p>", MUG_CATEGORY, "Mug",
            "coffee, kitchen"),
            options=[("Title", "Default Title")], sku="ACME-MRM-11OZ", grams="350", price="14.00",
            image=(f"{CDN}/morning-ritual-mug.jpg?v=1718203377", "1", "Morning Ritual Mug"),
            uid=MUG_11, design=f"{DESIGNS}/morning-ritual/wrap.png"),
        # A draft, unpublished product: product_not_active (a warning).
        product_row(winter, first=first_fields(
            "Winter Market Poster", "<p>Christmas market at dusk. Coming in November.</p>", POSTER_CATEGORY,
            "Poster", "christmas, winter", published="FALSE"),
            options=[("Format", "A4")], sku="ACME-WMP-A4", grams="90", price="15.00",
            uid=POSTER_A4, design=f"{DESIGNS}/winter-market/a4.pdf", status="draft"),
    ]


def connections_bad():
    fjord = "fjord-line-t-shirt"
    nordic = "nordic-lights-tee-uk"
    lake = "lakeside-morning-poster"
    autumn = "autumn-harvest-poster"
    fjord_design = f"{DESIGNS}/fjord-line/front.pdf"
    return [
        # line 2: a typo in the UID ("whte") -> unknown_product_uid
        product_row(fjord, first=first_fields(
            "Fjord Line T-Shirt", "<p>Minimal line art of the Geirangerfjord.</p>", TEE_CATEGORY, "T-Shirt",
            "fjord, line art"),
            options=[("Size", "M"), ("Color", "White")], sku="ACME-FJL-TEE-M-WHT", grams="180", price="24.00",
            uid="apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_m_gco_whte_gpr_4-0",
            design=fjord_design),
        # line 3: not an http(s) URL, with a space -> invalid_design_url
        product_row(fjord, options=[("Size", "L"), ("Color", "White")], sku="ACME-FJL-TEE-L-WHT", grams="195",
                    price="24.00", uid=TEE.format(size="l", color="white"), design="ftp:/files example/x.pdf"),
        # line 4: a Photoshop file -> unsupported_design_format
        product_row(fjord, options=[("Size", "M"), ("Color", "Black")], sku="ACME-FJL-TEE-M-BLK", grams="180",
                    price="24.00", uid=TEE.format(size="m", color="black"),
                    design=f"{DESIGNS}/fjord-line/front-black.psd"),
        # line 5: a SKU that a spreadsheet turned into 3.65275E+11 -> excel_mangled_value
        product_row(fjord, options=[("Size", "L"), ("Color", "Black")], sku="3.65275E+11", grams="195",
                    price="24.00", uid=TEE.format(size="l", color="black"), design=fjord_design),
        # line 6: Size XL connected to the gsi_m UID (catalog Size M) -> spec_mismatch on Option1 Value;
        # "Colour"/"White" agrees with the catalog's "Color"/"white".
        product_row(nordic, first=first_fields(
            "Nordic Lights Tee", "<p>Aurora over Tromsø, screen-print look.</p>", TEE_CATEGORY, "T-Shirt",
            "aurora, norway"),
            options=[("Size", "XL"), ("Colour", "White")], sku="ACME-NLT-TEE-XL-WHT", grams="210", price="26.00",
            uid=TEE.format(size="m", color="white"), design=f"{DESIGNS}/nordic-lights/front.pdf"),
        # line 7: the A5 poster is discontinued -> discontinued_product_uid
        product_row(lake, first=first_fields(
            "Lakeside Morning Poster", "<p>Mist over a Danish lake at sunrise.</p>", POSTER_CATEGORY, "Poster",
            "lake, denmark"),
            options=[("Format", "A5")], sku="ACME-LMP-A5", grams="60", price="12.00",
            uid=POSTER_A5, design=f"{DESIGNS}/lakeside-morning/a5.pdf"),
        # line 8: a draft product -> product_not_active (warning)
        product_row(autumn, first=first_fields(
            "Autumn Harvest Poster", "<p>Pumpkins and apples, ready for October.</p>", POSTER_CATEGORY, "Poster",
            "autumn", published="FALSE"),
            options=[("Format", "A3")], sku="ACME-AHP-A3", grams="120", price="19.00",
            uid=POSTER_A3, design=f"{DESIGNS}/autumn-harvest/a3.pdf", status="draft"),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Shopify orders: the current 79-column header (formats.md §2a).

ORDER_HEADER = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
    "Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
    "Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,"
    "Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
    "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,"
    "Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,"
    "Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,"
    "Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,"
    "Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,"
    "Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,"
    "Payment Terms Name,Next Payment Due At,Payment References"
).split(",")
assert len(ORDER_HEADER) == 79

# The products an order line can name: (Lineitem name, Lineitem sku, price in EUR).
TEE_M_WHT = ("Sunset Over Fjord T-Shirt - M / White", "ACME-SOF-TEE-M-WHT", 24.00)
TEE_L_WHT = ("Sunset Over Fjord T-Shirt - L / White", "ACME-SOF-TEE-L-WHT", 24.00)
TEE_XL_WHT = ("Sunset Over Fjord T-Shirt - XL / White", "ACME-SOF-TEE-XL-WHT", 26.00)
TEE_M_BLK = ("Sunset Over Fjord T-Shirt - M / Black", "ACME-SOF-TEE-M-BLK", 24.00)
TEE_L_BLK = ("Sunset Over Fjord T-Shirt - L / Black", "ACME-SOF-TEE-L-BLK", 24.00)
HOOD_M = ("Harbour Lights Hoodie - M", "ACME-HBL-HOOD-M", 49.00)
HOOD_L = ("Harbour Lights Hoodie - L", "ACME-HBL-HOOD-L", 49.00)
POSTER_A3_LINE = ("Alpine Dawn Poster - A3", "ACME-ADP-A3", 19.00)
POSTER_30X40_LINE = ("Alpine Dawn Poster - 30 × 40 cm", "ACME-ADP-30X40", 24.00)
MUG_LINE = ("Morning Ritual Mug", "ACME-MRM-11OZ", 14.00)

TAX = {"DE": ("DE MwSt 19%", 0.19), "FR": ("FR TVA 20%", 0.20), "NL": ("NL btw 21%", 0.21),
       "DK": ("DK Moms 25%", 0.25), "GB": ("GB VAT 20%", 0.20), "US": (None, 0.0)}
CURRENCY = {"DE": "EUR", "FR": "EUR", "NL": "EUR", "DK": "DKK", "GB": "GBP", "US": "USD"}
RATE = {"EUR": 1.0, "DKK": 7.45, "GBP": 0.85, "USD": 1.08}
SHIPPING = {"EUR": 4.90, "DKK": 39.00, "GBP": 3.95, "USD": 6.50}


def money(x):
    return f"{x:.2f}"


def shopify_zip(z):
    """Shopify writes all-digit ZIPs with a leading ' so that spreadsheets keep their zeros."""
    return "'" + z if z.isdigit() else z


class O:
    """An order as the tests need it; `lines` are (qty, (name, sku, price)); `sku=None` on a line keeps the SKU."""

    def __init__(self, ref, email, name, street, city, zip_, country, lines, *, province="", province_name="",
                 company="", address2="", phone="", created="2026-03-14 10:22:31 +0100", notes="", attributes="",
                 order_id=0, tags="", method="Standard", zip_raw=False, blank_skus=()):
        self.__dict__.update(locals())
        del self.__dict__["self"]

    def rows(self, overrides=None, first_overrides=None):
        cur = CURRENCY.get(self.country, "EUR")
        r8 = RATE[cur]
        items = [(q, n, s, p * r8) for q, (n, s, p) in self.lines]
        subtotal = sum(q * p for q, _, _, p in items)
        ship = SHIPPING[cur]
        tax_name, tax_rate = TAX.get(self.country, (None, 0.0))
        taxes = round((subtotal + ship) * tax_rate / (1 + tax_rate), 2) if tax_name else 0.0
        total = subtotal + ship + (0.0 if tax_name else 0.0)
        zip_cell = self.zip_ if self.zip_raw else shopify_zip(self.zip_)
        street = self.street + (", " + self.address2 if self.address2 else "")
        out = []
        for i, (q, n, s, p) in enumerate(items):
            r = dict.fromkeys(ORDER_HEADER, "")
            r.update({
                "Name": self.ref, "Email": self.email, "Created at": self.created, "Lineitem quantity": str(q),
                "Lineitem name": n, "Lineitem price": money(p), "Lineitem sku": "" if i in self.blank_skus else s,
                "Lineitem requires shipping": "true", "Lineitem taxable": "true",
                "Lineitem fulfillment status": "pending", "Vendor": "Acme Prints", "Lineitem discount": "0.00",
                "Phone": "",
            })
            if i == 0:
                paid = self.created
                r.update({
                    "Financial Status": "paid", "Paid at": paid, "Fulfillment Status": "unfulfilled",
                    "Accepts Marketing": "no", "Currency": cur, "Subtotal": money(subtotal),
                    "Shipping": money(ship), "Taxes": money(taxes), "Total": money(total),
                    "Discount Amount": "0.00", "Shipping Method": self.method,
                    "Billing Name": self.name, "Billing Street": street, "Billing Address1": self.street,
                    "Billing Address2": self.address2, "Billing Company": self.company, "Billing City": self.city,
                    "Billing Zip": zip_cell, "Billing Province": self.province, "Billing Country": self.country,
                    "Billing Phone": self.phone,
                    "Shipping Name": self.name, "Shipping Street": street, "Shipping Address1": self.street,
                    "Shipping Address2": self.address2, "Shipping Company": self.company,
                    "Shipping City": self.city, "Shipping Zip": zip_cell, "Shipping Province": self.province,
                    "Shipping Country": self.country, "Shipping Phone": self.phone, "Notes": self.notes,
                    "Note Attributes": self.attributes, "Payment Method": "Shopify Payments",
                    "Payment Reference": f"c{self.order_id}.1", "Refunded Amount": "0.00",
                    "Outstanding Balance": "0.00", "Id": str(self.order_id), "Tags": self.tags,
                    "Risk Level": "Low", "Source": "web",
                    "Billing Province Name": self.province_name, "Shipping Province Name": self.province_name,
                    "Payment ID": f"pay_{self.order_id % 10**9:09d}",
                    "Payment References": f"c{self.order_id}.1",
                })
                if tax_name:
                    r["Tax 1 Name"], r["Tax 1 Value"] = tax_name, money(taxes)
                if first_overrides:
                    r.update(first_overrides)
            if overrides:
                r.update(overrides)
            out.append([r[k] for k in ORDER_HEADER])
        return out


def clean_orders():
    return [
        O("#1001", "anna.mueller@example.com", "Anna Müller", "Leopoldstraße 112", "München", "80802", "DE",
          [(2, TEE_M_WHT), (1, POSTER_A3_LINE)], phone="+49 89 21094471", order_id=5807712419905,
          created="2026-03-14 10:22:31 +0100",
          # Multi-line checkout fields, with CRLF inside the quoted cell while records end with LF.
          attributes="gift_message: Alles Gute zum Geburtstag, Lena!\r\nutm_source: instagram",
          tags="gift"),
        O("#1002", "oliver.bennett@example.com", "Oliver Bennett", "14 Elm Row", "Edinburgh", "EH7 4AA", "GB",
          [(1, MUG_LINE)], phone="+44 131 496 0732", order_id=5807713075265, created="2026-03-14 11:05:12 +0000"),
        # Lineitem sku left empty: matched by Lineitem name "Harbour Lights Hoodie - L".
        O("#1003", "emily.carter@example.com", "Emily Carter", "58 Grove Street", "Medford", "02155", "US",
          [(1, HOOD_L), (1, POSTER_30X40_LINE)], province="MA", province_name="Massachusetts",
          phone="+1 781-555-0143", order_id=5807714287681, created="2026-03-14 09:41:57 -0400", blank_skus=(0,)),
        O("#1004", "soren.kjaer@example.com", "Søren Kjær", "Nørregade 14", "Aarhus C", "8000", "DK",
          [(1, TEE_L_BLK)], address2="2. tv", phone="+45 86 12 34 56", order_id=5807715598401,
          created="2026-03-14 16:18:03 +0100"),
        O("#1005", "elodie.dubois@example.com", "Élodie Dubois", "27 Rue de la République", "Lyon", "69002", "FR",
          [(1, TEE_XL_WHT), (2, MUG_LINE)], phone="+33 4 72 10 30 30", order_id=5807716221057,
          created="2026-03-14 18:47:29 +0100", notes="Merci de ne pas plier l'affiche."),
        O("#1006", "jan.devries@example.com", "Jan de Vries", "Oudegracht 231", "Utrecht", "3511 NK", "NL",
          [(3, POSTER_A3_LINE)], phone="+31 30 233 4455", order_id=5807716745345,
          created="2026-03-14 20:03:44 +0100"),
        O("#1007", "j.weiss@example.com", "Jürgen Weiß", "Schanzenstraße 41", "Hamburg", "20357", "DE",
          [(1, HOOD_M), (1, TEE_M_BLK)], company="Weiß & Söhne GmbH", phone="+49 40 43 19 27 0",
          order_id=5807717793921, created="2026-03-14 21:12:08 +0100", method="Express"),
        O("#1008", "michael.oconnor@example.com", "Michael O'Connor", "2100 Guadalupe St", "Austin", "78705", "US",
          [(2, TEE_L_WHT), (1, POSTER_A3_LINE), (1, MUG_LINE)], province="TX", province_name="Texas",
          phone="+1 512-555-0187", order_id=5807718907969, created="2026-03-14 17:30:55 -0500"),
    ]


def orders_file(orders_rows, header=ORDER_HEADER, delimiter=",", newline="\n"):
    return csv_text([header] + orders_rows, delimiter=delimiter, newline=newline)


def rows_of(*orders):
    out = []
    for o in orders:
        out += o.rows()
    return out


def de(ref, name, email, street, city, zip_, lines, order_id, **kw):
    return O(ref, email, name, street, city, zip_, "DE", lines, order_id=order_id, **kw)


def bad_orders():
    files = {}

    # missing_value: an empty Shipping Address1 (and Street) on an order's first row; a US order without a state.
    vogel = de("#1011", "Katharina Vogel", "k.vogel@example.com", "", "Leipzig", "04109",
               [(1, TEE_M_WHT), (1, MUG_LINE)], 5807720001011, phone="+49 341 2253 880")
    brooks = O("#1012", "daniel.brooks@example.com", "Daniel Brooks", "1220 SW Morrison St", "Portland", "97205",
               "US", [(1, POSTER_A3_LINE)], phone="+1 503-555-0119", order_id=5807720001012,
               created="2026-03-15 08:12:40 -0700")
    ok = de("#1013", "Felix Wagner", "felix.wagner@example.com", "Bergmannstraße 5", "Berlin", "10961",
            [(1, TEE_L_BLK)], 5807720001013)
    files["orders_missing_value.csv"] = orders_file(rows_of(vogel, brooks, ok))

    # invalid_quantity: 0 on the second line of an order (the first line is held).
    files["orders_invalid_quantity.csv"] = orders_file(
        O("#1021", "lukas.becker@example.com", "Lukas Becker", "Königstraße 28", "Stuttgart", "70173", "DE",
          [(1, HOOD_M), (0, POSTER_A3_LINE)], order_id=5807720001021).rows()
        + rows_of(O("#1022", "sophie.martin@example.com", "Sophie Martin", "8 Rue Sainte-Catherine", "Bordeaux",
                    "33000", "FR", [(1, MUG_LINE)], order_id=5807720001022)))

    # invalid_country: "UK" and "Germany" instead of GB and DE.
    files["orders_invalid_country.csv"] = orders_file(rows_of(
        O("#1031", "harriet.cole@example.com", "Harriet Cole", "22 Park Lane", "Bristol", "BS1 5TR", "UK",
          [(1, TEE_M_BLK)], order_id=5807720001031),
        O("#1032", "m.schneider@example.com", "Monika Schneider", "Am Markt 3", "Bremen", "28195", "Germany",
          [(2, MUG_LINE)], order_id=5807720001032),
        O("#1033", "astrid.nielsen@example.com", "Astrid Nielsen", "Vesterbrogade 88", "København V", "1620", "DK",
          [(1, POSTER_30X40_LINE)], order_id=5807720001033)))

    # invalid_email: no top-level domain.
    files["orders_invalid_email.csv"] = orders_file(rows_of(
        O("#1041", "lena.hoffmann@example", "Lena Hoffmann", "Lindenstraße 9", "Köln", "50674", "DE",
          [(1, TEE_L_WHT)], order_id=5807720001041),
        O("#1042", "pieter.jansen@example.com", "Pieter Jansen", "Witte de Withstraat 17", "Rotterdam", "3012 BL",
          "NL", [(1, MUG_LINE)], order_id=5807720001042)))

    # Markup typed into a checkout form by a bot: the values must stay text in every report (the HTML report
    # escapes them). invalid_email on #1091, invalid_postcode on #1092.
    files["orders_html_in_cells.csv"] = orders_file(rows_of(
        O("#1091", "<img src=x onerror=alert(1)>", "Jonas Weber", "Hansaring 12", "Münster", "48155", "DE",
          [(1, TEE_M_WHT)], order_id=5807720001091),
        O("#1092", "clara.roth@example.com", "Clara Roth", "Goethestraße 4", "Kassel", "\"><svg onload=alert('x')>", "DE",
          [(1, MUG_LINE)], order_id=5807720001092)))

    # invalid_postcode: "ABC" for Germany.
    files["orders_invalid_postcode.csv"] = orders_file(rows_of(
        O("#1051", "t.krause@example.com", "Tobias Krause", "Hauptstraße 17", "Heidelberg", "ABC", "DE",
          [(1, HOOD_L)], order_id=5807720001051),
        O("#1052", "chloe.bernard@example.com", "Chloé Bernard", "4 Place Bellecour", "Lyon", "69002", "FR",
          [(1, TEE_M_WHT)], order_id=5807720001052)))

    # excel_mangled_value: the file went through a spreadsheet. A numeric SKU became 3.65275E+11 (its order's
    # other line is held) and a US ZIP lost its leading zero (2155 for 02155).
    files["orders_excel_mangled.csv"] = orders_file(
        O("#1061", "n.fischer@example.com", "Nina Fischer", "Goethestraße 12", "Frankfurt am Main", "60313", "DE",
          [(1, ("Alpine Dawn Poster - A3", "3.65275E+11", 19.00)), (1, MUG_LINE)], order_id=5807720001061,
          zip_raw=True).rows()
        + rows_of(O("#1062", "grace.sullivan@example.com", "Grace Sullivan", "41 Salem Street", "Medford", "2155",
                    "US", [(1, TEE_M_WHT)], province="MA", province_name="Massachusetts",
                    order_id=5807720001062, zip_raw=True)))

    # unknown_product: a SKU no connection has; an empty SKU whose name matches no connection.
    files["orders_unknown_product.csv"] = orders_file(rows_of(
        O("#1071", "mads.poulsen@example.com", "Mads Poulsen", "Strøget 31", "Odense C", "5000", "DK",
          [(1, ("Sunset Over Fjord T-Shirt - XXL / White", "ACME-SOF-TEE-XXL-WHT", 26.00))],
          order_id=5807720001071),
        O("#1072", "isabel.moreau@example.com", "Isabel Moreau", "15 Rue Oberkampf", "Paris", "75011", "FR",
          [(1, ("Harbour Lights Hoodie - XXL", "", 52.00))], order_id=5807720001072)))

    # value_too_long: a 40-character Shipping Address1 (the order API takes 35), a 29-character phone (25):
    # warnings, the orders go on.
    long_street = "Hinterhaus links, Kastanienallee 112-114"
    assert len(long_street) == 40, len(long_street)
    files["orders_value_too_long.csv"] = orders_file(rows_of(
        de("#1081", "Marie Schulz", "marie.schulz@example.com", long_street, "Berlin", "10435",
           [(1, TEE_M_BLK)], 5807720001081),
        # A 29-character phone (the API takes 25); it starts with "+", so rejects.csv writes it as '+49 ...
        de("#1082", "Paul Zimmermann", "paul.zimmermann@example.com", "Sophienstraße 3", "Berlin", "10178",
           [(1, MUG_LINE)], 5807720001082, phone="+49 (0)30 847 123 45 ext. 204")))

    # duplicate_order: #1003 comes again after #1004: the repeat's rows are duplicate_order warnings.
    clean = {o.ref: o for o in clean_orders()}
    files["orders_duplicate.csv"] = orders_file(rows_of(clean["#1003"], clean["#1004"], clean["#1003"]))

    # malformed_row: a stray quote in an unquoted field (line 2); an unterminated quote (line 4). No quote follows
    # the unterminated one, so the reader loses only that line.
    stray = O("#1091", "ella.richter@example.com", "Ella Richter", "Wiener Straße 14", "Dresden", "01219", "DE",
              [(1, ("Vintage 12\" Poster - A3", "ACME-ADP-A3", 19.00))], order_id=5807720001091).rows()[0]
    ok1 = O("#1092", "noah.smith@example.com", "Noah Smith", "9 Castle Street", "York", "YO1 9RN", "GB",
            [(1, MUG_LINE)], order_id=5807720001092).rows()[0]
    unterminated = O("#1093", "freja.holm@example.com", "Freja Holm", "Jernbanegade 6", "Roskilde", "4000", "DK",
                     [(1, TEE_L_WHT)], order_id=5807720001093).rows()[0]
    ok2 = O("#1094", "lucas.girard@example.com", "Lucas Girard", "12 Rue Nationale", "Lille", "59000", "FR",
            [(1, TEE_M_WHT)], order_id=5807720001094).rows()[0]
    stray_line = ",".join(stray)  # written unquoted, as a hand edit would leave it
    line_of = csv_line
    notes_at = ORDER_HEADER.index("Notes")
    unterminated_line = ",".join(unterminated[:notes_at]) + ',"Please leave the parcel with the neighbour, ' \
        + ",".join(unterminated[notes_at + 1:])
    files["orders_malformed.csv"] = "\n".join(
        [line_of(ORDER_HEADER), stray_line, line_of(ok1), unterminated_line, line_of(ok2)]) + "\n"

    # wrong_field_count: an unquoted comma in Shipping Address2 shifts the row by one field: 80 fields, the last
    # (Payment References) not empty.
    shifted = O("#1101", "hanna.berg@example.com", "Hanna Berg", "Torggata 5", "Aarhus N", "8200", "DK",
                [(1, HOOD_M)], order_id=5807720001101).rows()[0]
    a2 = ORDER_HEADER.index("Shipping Address2")
    shifted_line = ",".join(line_of([c]) for c in shifted[:a2]) + ",Apt 4, 2nd floor," + ",".join(
        line_of([c]) for c in shifted[a2 + 1:])
    files["orders_wrong_field_count.csv"] = "\n".join([
        line_of(ORDER_HEADER),
        line_of(O("#1100", "emma.wilson@example.com", "Emma Wilson", "3 Queen Street", "Cardiff", "CF10 2BU",
                  "GB", [(1, TEE_L_WHT)], order_id=5807720001100).rows()[0]),
        shifted_line]) + "\n"

    # Orders for the products of connections_bad.csv, checked with --connections products_connected.csv
    # connections_bad.csv: the lines whose connection was rejected are unknown_product, with a hint naming the
    # rejected row; the draft product's connection (a warning only) joins.
    files["orders_rejected_connection.csv"] = orders_file(rows_of(
        O("#1141", "kirsten.dahl@example.com", "Kirsten Dahl", "Bryggen 9", "Esbjerg", "6700", "DK",
          [(1, ("Fjord Line T-Shirt - M / White", "ACME-FJL-TEE-M-WHT", 24.00))], order_id=5807720001141),
        O("#1142", "george.hughes@example.com", "George Hughes", "7 Rose Street", "Edinburgh", "EH2 2PR", "GB",
          [(1, ("Nordic Lights Tee - XL / White", "", 26.00))], order_id=5807720001142),
        O("#1143", "maja.krueger@example.com", "Maja Krüger", "Marktplatz 4", "Freiburg", "79098", "DE",
          [(1, ("Autumn Harvest Poster - A3", "ACME-AHP-A3", 19.00))], order_id=5807720001143)))

    # missing_column: an export without the Shipping Country column.
    country_at = ORDER_HEADER.index("Shipping Country")
    def drop_country(row):
        return row[:country_at] + row[country_at + 1:]
    files["orders_missing_column.csv"] = csv_text(
        [drop_country(ORDER_HEADER)] + [drop_country(r) for r in rows_of(clean["#1002"], clean["#1006"])])

    # duplicate_column: two exports pasted side by side left a second Email column at the end.
    rows = rows_of(clean["#1002"], clean["#1006"])
    files["orders_duplicate_column.csv"] = csv_text(
        [ORDER_HEADER + ["Email"]] + [r + [r[1]] for r in rows])
    return files


# ---------------------------------------------------------------------------------------------------------------
# Encodings and dialects: valid orders saved by spreadsheets and other tools.

def excel_de_rows(orders):
    """Rows as German Excel saves them: decimal commas, ZIPs as numbers (no ' guard)."""
    out = []
    for o in orders:
        o.zip_raw = True
        for r in o.rows():
            out.append([c.replace(".", ",") if _is_money(h, c) else c for h, c in zip(ORDER_HEADER, r)])
    return out


def _is_money(header, cell):
    return header in ("Subtotal", "Shipping", "Taxes", "Total", "Discount Amount", "Lineitem price",
                      "Refunded Amount", "Outstanding Balance", "Lineitem discount", "Tax 1 Value") and cell


def encoded_files():
    files = {}
    mueller = de("#1111", "Jürgen Müller", "juergen.mueller@example.com", "Große Bleichen 21", "Hamburg", "20354",
                 [(1, TEE_M_WHT), (1, POSTER_A3_LINE)], 5807720001111, phone="+49 40 3508 112")
    soeren = O("#1112", "soeren.ostergaard@example.com", "Søren Østergaard", "Åboulevarden 52", "Aarhus C", "8000",
               "DK", [(2, MUG_LINE)], order_id=5807720001112)
    text = orders_file(excel_de_rows([mueller, soeren]), delimiter=";", newline="\r\n")
    files["orders_windows1252.csv"] = text.encode("cp1252")

    # UTF-16 LE: Excel's "Unicode Text" (tab-separated), with and without the byte-order mark.
    rows = rows_of(
        O("#1121", "ines.hansen@example.com", "Ines Hansen", "Nyhavn 17", "København K", "1051", "DK",
          [(1, HOOD_L)], order_id=5807720001121),
        O("#1122", "thomas.lefevre@example.com", "Thomas Lefèvre", "3 Quai de la Fosse", "Nantes", "44000", "FR",
          [(1, POSTER_30X40_LINE)], order_id=5807720001122))
    utf16 = orders_file(rows, delimiter="\t", newline="\r\n")
    files["orders_utf16.csv"] = b"\xff\xfe" + utf16.encode("utf-16-le")
    files["orders_utf16_nobom.csv"] = utf16.encode("utf-16-le")

    # sep=; first line (Excel's hint line), then ;-separated UTF-8.
    rows = rows_of(
        O("#1131", "sanne.bakker@example.com", "Sanne Bakker", "Lange Voorhout 44", "Den Haag", "2514 EG", "NL",
          [(1, TEE_XL_WHT)], order_id=5807720001131),
        O("#1132", "ole.lund@example.com", "Ole Lund", "Algade 21", "Aalborg", "9000", "DK",
          [(1, HOOD_M), (1, MUG_LINE)], order_id=5807720001132))
    files["orders_sep_line.csv"] = ("sep=;\n" + orders_file(rows, delimiter=";")).encode()
    return files


def catalog_bad():
    rows = catalog_rows()
    return csv_text([CATALOG_HEADER,
                     rows[0], rows[1],
                     # No Product UID: missing_value.
                     ["", "Unisex Crewneck T-shirt", "apparel", "active", "XXL", "white", "", ""],
                     rows[11]])


def unrecognized():
    return csv_text([
        ["Booking Date", "Value Date", "Description", "Counterparty", "IBAN", "Amount", "Currency", "Balance"],
        ["2026-03-02", "2026-03-02", "Card payment PAPER WORLD GMBH", "Paper World GmbH", "DE89370400440532013000",
         "-412.80", "EUR", "18230.55"],
        ["2026-03-03", "2026-03-03", "Payout Shopify", "Shopify International Ltd", "IE29AIBK93115212345678",
         "2190.15", "EUR", "20420.70"],
        ["2026-03-05", "2026-03-05", "Ink cartridges order 88121", "InkSource B.V.", "NL91ABNA0417164300",
         "-96.40", "EUR", "20324.30"],
    ])


def catalog_bomb():
    """A catalog that expands 16 MiB from a few KB: every row is read, so the ratio limit trips mid-file."""
    import gzip, io
    row = "flat_product_pf_a4_pt_200-gsm-80lb-uncoated_cl_4-0_ver,Poster A4,wall-art,active\n"
    text = "Product UID,Title,Category,Status\n" + row * ((16 << 20) // len(row))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="catalog_bomb.csv", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as f:
        f.write(text.encode())
    return buffer.getvalue()


def status_files():
    """What a PSP's production systems report for the demo's published orders (#1001-#1008 of acme-shopify).

    production_status.csv: a status history with one problem per problem row; postbacks.jsonl: GelatoConnect's
    postback shape (nested order/package/shipment objects), one object per line.
    """
    dhl = "00340434161094042557"
    ups = "1Z999AA10123456784"
    rows = [
        ["Order reference", "Store", "Status", "Carrier", "Tracking number", "Tracking URL", "Time"],
        ["#1001", "acme-shopify", "in_production", "", "", "", "2026-11-24T06:10:00Z"],
        ["#1001", "acme-shopify", "shipped", "DHL", dhl,
         f"https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={dhl}", "2026-11-24T15:42:00Z"],
        ["#1002", "acme-shopify", "Printed", "", "", "", "2026-11-24 11:05"],
        ["#1003", "acme-shopify", "Dispatched", "UPS", ups, f"https://www.ups.com/track?tracknum={ups}", "2026-11-24T16:20:00+01:00"],
        ["#1004", "acme-shopify", "cancelled", "", "", "", "2026-11-24T09:00:00Z"],
        # never published by intake: invalid_value
        ["#1099", "acme-shopify", "shipped", "DHL", "00340434161094042558", "", "2026-11-24T15:00:00Z"],
        # not a status: invalid_value
        ["#1005", "acme-shopify", "lost in space", "", "", "", "2026-11-24T10:00:00Z"],
        # not a tracking URL: invalid_value
        ["#1006", "acme-shopify", "shipped", "DPD", "01234567890123", "ftp://tracking.example.com/01234567890123", "2026-11-24T17:00:00Z"],
        # not a time: invalid_value
        ["#1007", "acme-shopify", "shipped", "GLS", "9876543210", "", "yesterday"],
        # another store's order: left out, with a note
        ["#1002", "nordlys-woo", "shipped", "PostNord", "00370726201234567890", "", "2026-11-24T12:00:00Z"],
    ]
    postbacks = [
        {"event": "package_shipped", "order": {"referenceId": "#1005", "store": "acme-shopify"},
         "package": {"status": "shipped"},
         "shipment": {"method": {"name": "DHL Paket"}, "tracking": {"code": "00340434161094042559",
                      "url": "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042559"}},
         "time": "2026-11-25T08:30:00Z"},
        {"orderReferenceId": "#1008", "status": "delivered", "carrier": "PostNL", "trackingCode": "3SABCD1234567",
         "trackingUrl": "https://jouw.postnl.nl/track-and-trace/3SABCD1234567-NL-1012AB", "time": "2026-11-26T13:02:00Z"},
    ]
    return csv_text(rows), "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in postbacks)


# ---------------------------------------------------------------------------------------------------------------
# Template products: manual order lines that name a template (`intake templates add`) instead of a Product UID and
# a design file URL. The tests add the templates `menu-a4` (POSTER_A4) and `Poster A3 Spring` (POSTER_A3) first.

MANUAL_TEMPLATE_HEADER = [
    "Order Reference", "Customer Reference ID", "Currency", "SKU", "Product UID", "Template", "Quantity", "Design file URL",
    "First Name", "Last Name", "Company", "Address Line 1", "Address Line 2", "City", "Post Code", "State", "Country",
    "Email", "Phone", "Shipping Method",
]


def manual_template_orders():
    """Café Morgenrot reorders its menu cards and a poster by template name; two lines get it wrong."""
    hamburg = ["Lena", "Hoffmann", "Café Morgenrot", "Schanzenstraße 41", "", "Hamburg", "20357", "", "DE",
               "lena.hoffmann@example.com", "+49 40 8812345", "normal"]
    aarhus = ["Mads", "Jørgensen", "Kaffebaren", "Mejlgade 12", "", "Aarhus C", "8000", "", "DK", "mads.j@example.com",
              "+45 31 22 44 55", "express"]
    paris = ["Pierre", "Lefèvre", "Atelier Lefèvre", "12 rue des Martyrs", "", "Paris", "75009", "", "FR",
             "pierre.lefevre@example.com", "+33 1 42 00 11 22", "normal"]
    blank = [""] * 12
    return [
        # A template line and a connected SKU in one order: accepted.
        ["PO-2026-0201", "ACME-001", "EUR", "", "", "menu-a4", "40", ""] + hamburg,
        ["PO-2026-0201", "ACME-001", "EUR", "ACME-SOF-TEE-M-WHT", "", "", "2", ""] + blank,
        # A template whose name has spaces: accepted, express.
        ["PO-2026-0202", "ACME-001", "EUR", "", "", "Poster A3 Spring", "5", ""] + aarhus,
        # No such template: unknown_product on Template (line 5).
        ["PO-2026-0203", "ACME-001", "EUR", "", "", "menu-a5", "10", ""] + paris,
        # A template and a Product UID on one line: invalid_value on Template (line 6).
        ["PO-2026-0204", "ACME-001", "EUR", "", POSTER_A3, "menu-a4", "3", ""] + hamburg,
    ]


def pressero_template_orders():
    """A Pressero portal's export with German headers: `Vorlage` is the Template column."""
    header = ["Bestellreferenz", "Kundenreferenz", "Währung", "Artikelnummer", "Product UID", "Vorlage", "Menge",
              "Design file URL", "Vorname", "Nachname", "Firma", "Adresszeile 1", "Adresszeile 2", "Stadt",
              "Postleitzahl", "Bundesland", "Land", "E-Mail", "Telefon", "Versandart", "Integration ID"]
    munich = ["Jonas", "Becker", "Acme Prints GmbH", "Leopoldstraße 9", "", "München", "80802", "", "DE",
              "jonas.becker@example.com", "+49 89 700 100", "normal"]
    rows = [
        ["PR-7101", "", "EUR", "", "", "menu-a4", "250", ""] + munich + ["ACME-001"],
        ["PR-7101", "", "EUR", "", "", "Poster A3 Spring", "20", ""] + [""] * 12 + ["ACME-001"],
    ]
    return csv_text([header] + rows, delimiter=";")


def main():
    write_bytes("catalog.csv", csv_text([CATALOG_HEADER] + catalog_rows()).encode())
    write_bytes("shopify/products_connected.csv", csv_text([PRODUCT_HEADER] + connected_products()).encode())
    # The same export as the store writes it, before connection: without the two connection columns.
    write_bytes("shopify/products_export.csv", csv_text([PRODUCT_HEADER[:-2]] + [r[:-2] for r in connected_products()]).encode())
    write_bytes("shopify/orders_export_1.csv", orders_file(rows_of(*clean_orders())).encode())
    for name, text in bad_orders().items():
        write_bytes(f"bad/{name}", text.encode())
    for name, data in encoded_files().items():
        write_bytes(f"bad/{name}", data)
    write_bytes("bad/connections_bad.csv", csv_text([PRODUCT_HEADER] + connections_bad()).encode())
    write_bytes("bad/catalog_bad.csv", catalog_bad().encode())
    write_bytes("bad/empty.csv", b"")
    write_bytes("bad/catalog_bomb.csv.gz", catalog_bomb())
    write_bytes("bad/unrecognized.csv", unrecognized().encode())
    status_csv, postbacks = status_files()
    write_bytes("status/production_status.csv", status_csv.encode())
    write_bytes("status/postbacks.jsonl", postbacks.encode())
    write_bytes("manual/orders_templates.csv", csv_text([MANUAL_TEMPLATE_HEADER] + manual_template_orders()).encode())
    write_bytes("pressero/orders_pressero_templates.csv", pressero_template_orders().encode())


if __name__ == "__main__":
    main()
