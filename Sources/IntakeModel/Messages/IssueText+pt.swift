extension IssueText {
    /// Portuguese.
    static let portuguese: [IssueCode: IssueText] = [
        .unreadableFile: IssueText(
            message: "O arquivo não existe ou não pode ser lido, ou o padrão não corresponde a nenhum arquivo.",
            hint: "Verifique o caminho e as permissões do arquivo."),
        .emptyFile: IssueText(
            message: "O arquivo não tem cabeçalho: está vazio ou contém apenas linhas em branco.",
            hint: "Exporte o arquivo novamente; um cabeçalho sem linhas de dados não é problema."),
        .unrecognizedFormat: IssueText(
            message: "O cabeçalho não corresponde a nenhum tipo de arquivo conhecido, ou o item do arquivo compactado não é um arquivo CSV.",
            hint: "Indique o tipo com --as KIND, ou exporte o arquivo novamente a partir da loja."),
        .missingColumn: IssueText(
            message: "Falta uma coluna obrigatória no arquivo.",
            hint: "Adicione a coluna (os nomes são comparados sem distinguir maiúsculas de minúsculas), ou exporte o arquivo novamente."),
        .duplicateColumn: IssueText(
            message: "Duas colunas têm o mesmo nome.",
            hint: "Remova ou renomeie uma delas."),
        .encodingError: IssueText(
            message: "O texto não usa uma codificação legível (UTF-16 sem marca de ordem de bytes, UTF-32 ou UTF-8 inválido).",
            hint: "Grave o arquivo como UTF-8 (CSV UTF-8 no Excel ou em programa semelhante)."),
        .corruptArchive: IssueText(
            message: "O arquivo compactado está danificado ou incompleto.",
            hint: "Faça novamente o download ou a cópia do arquivo compactado."),
        .unsafeArchiveEntry: IssueText(
            message: "O item do arquivo compactado tem um caminho absoluto, '..', um link ou um dispositivo: nunca é lido.",
            hint: "Compacte os arquivos novamente como arquivos comuns em pastas comuns."),
        .archiveLimitExceeded: IssueText(
            message: "O arquivo compactado tem um número excessivo de itens, ou, ao ser extraído, ocupa mais bytes do que os limites permitem.",
            hint: "Se o arquivo compactado for legítimo, extraia-o manualmente e indique os arquivos."),
        .malformedRow: IssueText(
            message: "As aspas da linha estão incorretas (aspas não fechadas ou a mais), ou a linha excede o comprimento máximo.",
            hint: "Coloque entre aspas os valores com vírgulas ou quebras de linha, e escreva um \" dentro de um valor como \"\"."),
        .wrongFieldCount: IssueText(
            message: "A linha tem mais ou menos campos do que o cabeçalho.",
            hint: "Provavelmente um valor contém um delimitador ou uma quebra de linha sem aspas: coloque o valor entre aspas ou remova o delimitador ou a quebra de linha."),
        .missingValue: IssueText(
            message: "Uma célula obrigatória está vazia.",
            hint: "Preencha a célula (State é obrigatório para endereços em US, CA e AU)."),
        .invalidValue: IssueText(
            message: "O valor não é um dos permitidos aqui.",
            hint: "Escreva um dos valores permitidos (para um status de catálogo: active ou discontinued)."),
        .invalidQuantity: IssueText(
            message: "A quantidade não é um número inteiro de 1 a 1.000.000.",
            hint: "Escreva a quantidade como número inteiro, sem casas decimais nem unidades."),
        .invalidCountry: IssueText(
            message: "O país não é um código ISO 3166-1 de duas letras.",
            hint: "Escreva o código de duas letras do país, por exemplo DE, DK, FR, IT, PT ou BR."),
        .invalidEmail: IssueText(
            message: "O valor não é um endereço de e-mail.",
            hint: "Escreva o endereço de e-mail completo do cliente, por exemplo name@example.com."),
        .invalidPostcode: IssueText(
            message: "O código postal não corresponde ao formato do país.",
            hint: "Verifique o código postal e o país; formate a coluna como texto para manter os zeros à esquerda."),
        .excelMangledValue: IssueText(
            message: "Um programa como o Excel alterou o valor: um SKU passou a ser um número como 1.23E+11, ou um código postal perdeu os zeros à esquerda.",
            hint: "Restaure o valor e formate a coluna como texto antes de gravar."),
        .unknownProduct: IssueText(
            message: "Nenhuma associação de produto corresponde à linha do pedido (pelo SKU, ou pelo nome do produto e da variante quando o SKU está vazio).",
            hint: "Associe a variante: adicione o Product UID da variante e o endereço URL do arquivo de design ao arquivo de associações e importe-o."),
        .unknownProductUID: IssueText(
            message: "O Product UID não está no catálogo.",
            hint: "Copie o Product UID exatamente como aparece no catálogo."),
        .discontinuedProductUID: IssueText(
            message: "O Product UID foi descontinuado.",
            hint: "Associe a variante a um Product UID que ainda seja produzido."),
        .invalidDesignURL: IssueText(
            message: "O endereço URL do arquivo de design não é um endereço http ou https completo.",
            hint: "Escreva o endereço URL completo, começando por https://."),
        .unsupportedDesignFormat: IssueText(
            message: "O arquivo de design não é um arquivo PDF, PNG, JPEG, TIFF ou SVG (ou o endereço URL não indica o tipo de arquivo).",
            hint: "Exporte o design como PDF, PNG, JPEG, TIFF ou SVG, e use um endereço URL que termine com a extensão do arquivo."),
        .specMismatch: IssueText(
            message: "Uma opção da variante contradiz o atributo do catálogo com o mesmo nome (como o tamanho ou a cor).",
            hint: "Associe a variante ao Product UID que corresponde às suas opções, ou corrija a opção."),
        .productNotActive: IssueText(
            message: "O produto é um rascunho, está arquivado ou não está publicado na loja.",
            hint: "Não podem chegar pedidos para ele enquanto não estiver ativo e publicado; ignore este aviso se isso for intencional."),
        .valueTooLong: IssueText(
            message: "O valor é mais longo do que a produção aceita (nomes 25, empresa 60, linhas de endereço 35, cidade 30, código postal 15, telefone 25 caracteres).",
            hint: "Encurte o valor para respeitar o limite, de modo que a etiqueta o mostre por completo."),
        .unknownCustomer: IssueText(
            message: "O cliente do pedido não existe ou não é o proprietário da loja.",
            hint: "Adicione o cliente (intake customers add), ou indique o ID de referência do cliente da loja."),
        .duplicateOrder: IssueText(
            message: "O pedido foi produzido por uma execução anterior, ou já apareceu neste arquivo: é ignorado.",
            hint: "Nenhuma ação necessária: um pedido é produzido apenas uma vez."),
        .orderHeld: IssueText(
            message: "A linha está correta, mas outra linha do mesmo pedido foi rejeitada: o pedido inteiro fica retido.",
            hint: "Corrija as outras linhas do pedido e importe-o novamente."),
    ]
}
